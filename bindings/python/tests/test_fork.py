"""A client used across ``os.fork()``, as pre-forking servers do (gunicorn ``--preload``,
multiprocessing, a master process that made calls before it forks its workers): the child
must not inherit a session-renewal turn that a vanished thread of its parent held.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import threading
import time
from typing import Any, Callable, Dict

from bunq_context import Client

#: How long a child may take in all before the test gives up on it (and kills it).
CHILD_LIMIT_SECONDS = 60.0


def in_child(
    work: Callable[[], Dict[str, Any]],
    first: Callable[[], None] = lambda: None,
    meanwhile: Callable[[], None] = lambda: None,
) -> Dict[str, Any]:
    """Forks; the parent runs ``first``, then the child runs ``work`` and reports its result
    (or its exception) through a pipe while the parent runs ``meanwhile``. A child that
    takes longer than CHILD_LIMIT_SECONDS is killed; the child never outlives this
    function."""
    read_end, write_end = os.pipe()
    go_read, go_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running the parent's cleanups
        try:
            os.close(read_end)
            os.close(go_write)
            try:
                os.read(go_read, 1)
                report = {"ok": True, **work()}
            except BaseException as error:  # noqa: BLE001 - everything goes to the parent
                report = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            payload = json.dumps(report).encode()
            while payload:
                payload = payload[os.write(write_end, payload) :]
        finally:
            os._exit(0)
    os.close(write_end)
    os.close(go_read)
    received = b""
    try:
        try:
            first()
        finally:
            os.write(go_write, b"!")
            os.close(go_write)
        meanwhile()
        deadline = time.monotonic() + CHILD_LIMIT_SECONDS
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"the child did not finish within {CHILD_LIMIT_SECONDS} s")
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            received += chunk
    finally:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)  # a no-op for a child that already left
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    assert received, "the child reported nothing"
    result: Dict[str, Any] = json.loads(received)
    return result


class Pausing(logging.Handler):
    """Holds the thread whose call logs a ``session-server`` exchange (while it holds the
    client's session-renewal turn) until released; in any other process it does nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.parent = os.getpid()
        self.renewing = threading.Event()
        self.resume = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "bunq_event", {})
        if os.getpid() != self.parent or event.get("path") != "session-server":
            return
        self.renewing.set()
        self.resume.wait(CHILD_LIMIT_SECONDS)


def test_a_child_forked_during_another_threads_renewal_renews_on_its_own(
    make_client: Callable[..., Client],
) -> None:
    # A budget of 5 s: without the fix, the child's renewal waits it out for a turn that no
    # thread of the child will ever give back.
    client = make_client(retry={"max_total_wait_ms": 5000})
    logger = logging.getLogger("bunq_context")
    handler = Pausing()
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    renewer = threading.Thread(target=client.reset_session, daemon=True)
    try:
        renewer.start()
        assert handler.renewing.wait(30), "the renewal did not start"

        def child() -> Dict[str, Any]:
            started = time.monotonic()
            client.reset_session()  # needs the renewal turn
            with client.get("user") as answer:
                assert answer.status == 200
            return {"seconds": time.monotonic() - started}

        report = in_child(child)
    finally:
        handler.resume.set()
        renewer.join(30)
        logger.removeHandler(handler)
        logger.setLevel(previous)
    assert report["ok"], f"the child's calls failed: {report.get('error')}"
    assert report["seconds"] < 4, f"the child's calls took {report['seconds']:.1f} s"
    assert not renewer.is_alive()
