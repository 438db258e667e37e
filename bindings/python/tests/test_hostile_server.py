"""A hostile server through the binding: what it echoes never brings the client's secrets
into an exception, and a failed auto-save is reported without failing the call. (The Rust
suite, tests/attacks.rs, holds every attack; this checks that the binding shows the
library's behaviour.)"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
from support import TEST_OPTIONS

from bunq_context import BadRequestException, Client, KeyPair, sign

API_KEY = "sandbox_hostile_api_key"
INSTALLATION_TOKEN = "installation-token-hostile"
SESSION_TOKEN = "session-token-hostile-0123456789"
SERVER_KEY = KeyPair.generate()
CLIENT_KEY = KeyPair.generate()


class Hostile(BaseHTTPRequestHandler):
    """Answers session-server and `GET user` like bunq (signed, request id echoed), and
    anything else with a 400 that echoes the whole request, token as response id."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: bytes, headers: Dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request_body = self.rfile.read(length)
        request_id = self.headers.get("X-Bunq-Client-Request-Id", "")
        if self.path.endswith("/session-server") or self.path.endswith("/user"):
            objects = (
                [{"Id": {"id": 1}}, {"Token": {"token": SESSION_TOKEN}},
                 {"UserPerson": {"id": 1, "session_timeout": 3600}}]
                if self.path.endswith("/session-server")
                else [{"User": {"id": 1}}]
            )
            body = json.dumps({"Response": objects}).encode()
            self._answer(200, body, {
                "X-Bunq-Server-Signature": sign(SERVER_KEY.private_key_pem, body),
                "X-Bunq-Client-Request-Id": request_id,
            })
            return
        echo = f"{self.command} {self.path}\n{self.headers}\n{request_body.decode()}"
        body = json.dumps({"Error": [{"error_description": echo}]}).encode()
        token = self.headers.get("X-Bunq-Client-Authentication", "")
        self._answer(400, body, {"X-Bunq-Client-Response-Id": token})

    do_GET = do_POST = do_PUT = do_DELETE = _handle


@pytest.fixture()
def hostile_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/"
    server.shutdown()
    server.server_close()


def context_json(base_url: str, with_session: bool) -> str:
    context: Dict[str, Any] = {
        "api_key": API_KEY,
        "environment_type": "SANDBOX",
        "base_url": base_url,
        "installation_context": {
            "token": INSTALLATION_TOKEN,
            "private_key_client": CLIENT_KEY.private_key_pem,
            "public_key_client": CLIENT_KEY.public_key_pem,
            "public_key_server": SERVER_KEY.public_key_pem,
        },
    }
    if with_session:
        context["session_context"] = {
            "token": SESSION_TOKEN,
            "expiry_time": "2099-01-01 00:00:00.000000",
            "user_id": 1,
            "user_person": {"id": 1, "session_timeout": 3600},
        }
    return json.dumps(context)


def test_what_a_server_echoes_never_brings_a_secret_into_the_exception(
    hostile_url: str,
) -> None:
    with Client.from_json(context_json(hostile_url, True), **TEST_OPTIONS) as client:
        with pytest.raises(BadRequestException) as raised:
            client.post("user/1/payment", json={"note": "hello"})
    error = raised.value
    shown = " ".join([str(error), repr(error), *error.descriptions, error.response_id or ""])
    assert "hello" in shown, "the server's text is kept"
    for secret in (SESSION_TOKEN, API_KEY, INSTALLATION_TOKEN, "PRIVATE KEY"):
        assert secret not in shown


def test_a_failed_auto_save_is_reported_and_the_call_succeeds(
    hostile_url: str, tmp_path: Path,
) -> None:
    unwritable = tmp_path / "missing-directory" / "bunq.conf"
    options = dict(TEST_OPTIONS, save_to=str(unwritable))
    with Client.from_json(context_json(hostile_url, False), **options) as client:
        assert client.last_save_error is None
        client.get("user")
        reported = client.last_save_error
    assert reported is not None and "missing-directory" in reported
