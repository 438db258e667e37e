"""A client used across ``os.fork()``, as pre-forking servers do (gunicorn ``--preload``,
multiprocessing, a master process that made calls before it forks its workers).

The child must never use the connections its parent opened: over HTTP the two would read
each other's answers, and over TLS they would encrypt with the same key and nonce. Here
parent and child both call after the fork, through a relay that keeps what the client sent
on each connection: no connection may carry requests of both processes (HTTP), and no TLS
record may repeat another's first bytes (a repeated key and nonce would show that way). The
child must also not inherit a session-renewal turn that a vanished thread of its parent held.
"""

from __future__ import annotations

import json
import logging
import os
import re
import select
import signal
import socket
import threading
import time
import urllib.parse
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from support import TEST_OPTIONS, FakeServer, client_config

from bunq_context import Client, create_sandbox_user

#: How long a child may take in all before the test gives up on it (and kills it).
CHILD_LIMIT_SECONDS = 60.0


class Relay:
    """A TCP relay in front of a server: each connection a client opens through it is
    forwarded as it is (TLS included), and the bytes the client sent on it are kept. Its
    threads live in the test process only, so a forked child's connections are relayed by
    the parent."""

    def __init__(self, target_url: str) -> None:
        parsed = urllib.parse.urlsplit(target_url)
        assert parsed.hostname is not None and parsed.port is not None
        self._target = (parsed.hostname, parsed.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self.url = f"{parsed.scheme}://127.0.0.1:{port}{parsed.path}"
        self._sent: List[bytearray] = []
        self._sockets: List[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self._target)
            with self._lock:
                sent = bytearray()
                self._sent.append(sent)
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, sent), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, None), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, kept: Optional[bytearray]) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if kept is not None:
                    with self._lock:
                        kept += data
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def sent(self) -> List[bytes]:
        """What the client sent, per connection, in the order they were opened."""
        with self._lock:
            return [bytes(stream) for stream in self._sent]

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                sock.close()


def markers(stream: bytes) -> List[str]:
    """The ``X-Fork-Test`` header values of the plain HTTP requests in ``stream``."""
    return [value.decode() for value in re.findall(rb"(?i)x-fork-test: (\w+)", stream)]


def repeated_record_starts(stream: bytes) -> List[bytes]:
    """The first 16 ciphertext bytes that more than one TLS application-data record in
    ``stream`` starts with: each record has its own nonce, so two requests that begin alike
    ("GET /v1/user HTTP/1.1") begin alike in ciphertext only when key and nonce repeat."""
    starts: List[bytes] = []
    at = 0
    while at + 5 <= len(stream):
        kind, length = stream[at], int.from_bytes(stream[at + 3 : at + 5], "big")
        body = stream[at + 5 : at + 5 + length]
        if kind == 23 and len(body) >= 32:  # application data
            starts.append(body[:16])
        at += 5 + length
    return sorted({start for start in starts if starts.count(start) > 1})


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


@pytest.fixture(scope="module")
def https_server() -> Iterator[FakeServer]:
    server = FakeServer("--tls")
    yield server
    server.close()


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest, fake_server: FakeServer) -> FakeServer:
    if request.param == "http":
        return fake_server
    https: FakeServer = request.getfixturevalue("https_server")
    return https


def options_for(server: FakeServer) -> Dict[str, Any]:
    """The test options (a short timeout: a child that waits for an answer its parent read
    fails within it), trusting the server's CA when it has one."""
    options = dict(TEST_OPTIONS, timeout_ms=10000)
    if server.ca_file is not None:
        options["tls"] = {"ca_file": server.ca_file}
    return options


def calls(client: Client, marker: str, count: int) -> float:
    """`count` calls marked as the process's own; how long they took."""
    started = time.monotonic()
    for _ in range(count):
        with client.get("user", headers={"X-Fork-Test": marker}) as answer:
            assert answer.status == 200
    return time.monotonic() - started


def test_a_forked_child_opens_its_own_connections(server: FakeServer) -> None:
    options = options_for(server)
    key = create_sandbox_user(base_url=server.url, **options)
    relay = Relay(server.url)
    config = client_config(relay.url, key)
    config.update(options)
    try:
        with Client.create(config) as client:
            calls(client, "parent", 1)  # a pooled connection, before the fork
            before = client.transport_stats()

            def child() -> Dict[str, Any]:
                seconds = calls(client, "child", 5)
                return {"seconds": seconds, "stats": client.transport_stats()}

            parent_errors: List[str] = []

            def parent() -> None:
                try:
                    calls(client, "parent", 5)
                except Exception as error:  # noqa: BLE001 - asserted on below
                    parent_errors.append(f"{type(error).__name__}: {error}")

            # The parent calls first, so that the child's first request follows the parent's first
            # one on a shared connection (the same TLS nonce); then both call at once.
            report = in_child(child, first=parent, meanwhile=parent)
            parent()  # the parent's connection still works
            parent_after = client.transport_stats()
        sent = relay.sent()
    finally:
        relay.close()

    for number, stream in enumerate(sent):
        if server.ca_file is None:
            assert len(set(markers(stream))) <= 1, (
                f"connection {number} carried requests of both processes: {markers(stream)}"
            )
        else:
            assert not repeated_record_starts(stream), (
                f"connection {number}: TLS records repeat their first bytes (the same key and "
                f"nonce used twice): {[start.hex() for start in repeated_record_starts(stream)]}"
            )
    assert report["ok"], f"the child's calls failed: {report.get('error')}"
    assert not parent_errors, f"the parent's calls failed: {parent_errors}"
    assert report["seconds"] < 8, f"the child's calls took {report['seconds']:.1f} s"
    child_stats = report["stats"]
    assert child_stats["connections_opened"] > before["connections_opened"], (
        f"the child opened no connection of its own: {before} then {child_stats}"
    )
    if server.ca_file is not None:
        assert child_stats["tls_handshakes"] > before["tls_handshakes"]
    # The parent kept its connection: forking costs it nothing.
    assert parent_after["connections_opened"] == before["connections_opened"]


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
            # Closing does not wait for the parent's thread's call, which is not here.
            client.close()
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
