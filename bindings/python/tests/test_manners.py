"""A library's manners (issue 21): silent unless the application configures logging,
creation reported as it happens, the documented time limits, and sandbox helpers that
refuse bunq production."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Iterator, List

import pytest
from support import REPO_ROOT, TEST_OPTIONS, client_config

from bunq_context import (
    Client,
    InvalidInputException,
    TimeoutException,
    create_sandbox_user,
)

PSD2_DATA = REPO_ROOT / "tests" / "c" / "data"

#: A failed save: the session is renewed while ``save_to`` names a file in a directory that
#: does not exist, and an explicit save there fails too. Each is a WARNING event.
FAILED_SAVE = """
import logging, sys
{configure}
from bunq_context import Client, create_sandbox_user
options = dict(proxy="none", rate_limits=False, timeout_ms=30000)
url = sys.argv[1]
key = create_sandbox_user(base_url=url, **options)
missing = sys.argv[2] + "/no-such-directory/bunq.conf"
with Client.create(base_url=url, api_key=key, save_to=missing, **options) as client:
    client.post("_fake/expire-session").close()
    client.get("user").close()  # 401, renewal, the auto-save fails
    assert client.last_save_error is not None
    try:
        client.save(missing)
    except Exception:
        pass
    else:
        raise SystemExit("the save into a missing directory worked")
print("done")
"""


def run_failed_save(fake_url: str, tmp_path: Path, configure: str) -> subprocess.CompletedProcess:
    script = FAILED_SAVE.format(configure=configure)
    return subprocess.run(
        [sys.executable, "-c", script, fake_url, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_nothing_is_printed_to_stderr_unless_logging_is_configured(
    fake_url: str, tmp_path: Path
) -> None:
    quiet = run_failed_save(fake_url, tmp_path, configure="")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "done\n"
    assert quiet.stderr == ""

    # Configured, the same warnings do reach the application's handler.
    configured = run_failed_save(
        fake_url, tmp_path, configure="logging.basicConfig(level=logging.WARNING)"
    )
    assert configured.returncode == 0, configured.stderr
    warnings = [line for line in configured.stderr.splitlines() if "no-such-directory" in line]
    assert warnings and all(line.startswith("WARNING:bunq_context:") for line in warnings), (
        configured.stderr
    )


def test_the_logger_has_a_null_handler() -> None:
    handlers = logging.getLogger("bunq_context").handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers: its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: List[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            accepted.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1/"
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def test_a_creation_that_gets_no_answer_is_reported_and_ends_at_the_timeout(
    silent_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bunq_context")
    started = time.monotonic()
    with pytest.raises(TimeoutException) as raised:
        Client.create(
            base_url=silent_server,
            api_key="never-sent-anywhere-real",
            proxy="none",
            timeout_ms=1000,
        )
    elapsed = time.monotonic() - started
    assert raised.value.step == "installation"
    assert "timed out" in str(raised.value)
    # The exchange that ended the creation was reported like any call's.
    events = [record.bunq_event for record in caplog.records if record.name == "bunq_context"]  # type: ignore[attr-defined]
    installation = [event for event in events if event.get("path") == "installation"]
    assert installation, events
    assert installation[-1]["event"] == "exchange"
    assert installation[-1]["error"] == "timeout"
    assert installation[-1]["status"] is None
    # Not a timing target: the given limit, not the 60 s default, ended it.
    assert elapsed < 30, elapsed


def test_the_default_limits_are_stated_where_users_look() -> None:
    doc = Client.create.__doc__ or ""
    assert "60000" in doc and "60 s" in doc
    assert "10000" in doc and "10 s" in doc
    assert '["*"]' in doc


def test_a_psd2_creation_is_reported_from_its_first_exchange(
    fake_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bunq_context")
    certificate = (PSD2_DATA / "psd2-test-certificate.pem").read_text()
    key = (PSD2_DATA / "psd2-test-key.pem").read_text()
    with Client.create_psd2(
        certificate, certificate, key, base_url=fake_url, permitted_ips=["*"], **TEST_OPTIONS
    ):
        pass
    paths = [
        record.bunq_event["path"]  # type: ignore[attr-defined]
        for record in caplog.records
        if record.name == "bunq_context" and record.bunq_event["event"] == "exchange"  # type: ignore[attr-defined]
    ]
    assert paths == [
        "installation",
        "payment-service-provider-credential",
        "device-server",
        "session-server",
    ]


def test_the_sandbox_helpers_refuse_bunq_production(fake_url: str) -> None:
    # A proxy on a closed port: were anything sent, the error would be a transport one.
    nothing_leaves = dict(proxy="http://127.0.0.1:9", timeout_ms=5000)
    for url in ("https://api.bunq.com/v1/", "https://API.bunq.com:443/v1"):
        with pytest.raises(InvalidInputException) as refused:
            create_sandbox_user(base_url=url, **nothing_leaves)
        assert str(refused.value).startswith(
            "sandbox-only helper refused: creating a sandbox user works only in bunq's sandbox"
        )
    # A PRODUCTION context made at the fake (as through a local proxy to production).
    key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
    config = client_config(fake_url, key)
    config["environment"] = "PRODUCTION"
    with Client.create(config) as client:
        with pytest.raises(InvalidInputException) as refused:
            client.request_sandbox_money(1, "1.00", "must not arrive")
    assert "this context is bunq production" in str(refused.value)
