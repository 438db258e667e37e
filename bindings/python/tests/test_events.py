"""The library's events in Python's logging (logger ``bunq_context``): a whole offline flow
is logged in order, with each event's fields on the record, and no record shows a secret."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from support import TEST_OPTIONS, client_config

from bunq_context import Client, create_sandbox_user


def outline(event: Dict[str, Any]) -> str:
    """One short line per event, for comparing sequences."""
    if event["event"] == "exchange":
        line = f'{event["method"]} {event["path"]} {event["status"]} attempt={event["attempt"]}'
        if event["resend_reason"]:
            line += f' after={event["resend_reason"]}'
        return line
    if event["event"] == "session_renewal":
        return f'session renewed: {event["reason"]}'
    if event["event"] == "context_save":
        return f'saved {Path(event["path"]).name} ok={event["ok"]}'
    return str(event["event"])


def secrets_of(context_json: str) -> List[str]:
    """The API key, the tokens and the lines of the private key of a saved context."""
    context = json.loads(context_json)
    installation = context["installation_context"]
    secrets = [
        context["api_key"],
        installation["token"],
        context["session_context"]["token"],
    ]
    secrets += [
        line
        for line in installation["private_key_client"].splitlines()
        if line and not line.startswith("-----")
    ]
    return secrets


def test_a_whole_flow_is_logged_in_order_without_secrets(
    fake_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bunq_context")
    key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
    config = client_config(fake_url, key)
    config["save_to"] = str(tmp_path / "events.conf")
    # GET user once a second: the resend after the renewal waits for the limiter.
    config["rate_limits"] = {"get": 1, "window_ms": 1000, "session_server_window_ms": 10}
    with Client.create(config) as client:
        first = client.to_json()
        client.get("user").close()
        client.post("_fake/expire-session").close()  # the fake forgets the session
        client.get("user").close()  # 401, renewal, saved, resent
        last = client.to_json()

    records = [record for record in caplog.records if record.name == "bunq_context"]
    events = [record.bunq_event for record in records]  # type: ignore[attr-defined]
    assert [outline(event) for event in events if event["event"] != "rate_limit_wait"] == [
        "POST installation 200 attempt=1",
        "POST device-server 200 attempt=1",
        "POST session-server 200 attempt=1",
        "GET user 200 attempt=1",
        "POST _fake/expire-session 200 attempt=1",
        "GET user 401 attempt=1",
        "POST session-server 200 attempt=1",
        "session renewed: refused",
        "saved events.conf ok=True",
        "GET user 200 attempt=2 after=session_renewal",
    ]
    waits = [event for event in events if event["event"] == "rate_limit_wait"]
    assert any(wait["endpoint"] == "user" and wait["limit_calls"] == 1 for wait in waits)
    for record, event in zip(records, events):
        assert record.getMessage() == event["message"]
        assert record.levelname.lower() == event["level"]
    refused = next(event for event in events if event.get("status") == 401)
    assert refused["error"] == "api" and refused["response_id"]
    assert records[0].getMessage().startswith("POST installation 200 ")
    assert " ms response-id=" in records[0].getMessage()

    secrets = secrets_of(first) + secrets_of(last)
    for record, event in zip(records, events):
        text = record.getMessage() + json.dumps(event)
        for secret in secrets:
            assert secret not in text, f"a record shows a secret: {text}"
        assert "PRIVATE KEY" not in text


class Exploding(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        raise RuntimeError("a broken handler")


def test_a_handler_that_raises_breaks_no_call(shared_client: Client) -> None:
    logger = logging.getLogger("bunq_context")
    handler = Exploding()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        with shared_client.get("user") as answer:
            assert answer.status == 200
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


class Collecting(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_the_callback_is_registered_only_while_a_handler_listens(
    make_client: Callable[..., Client],
) -> None:
    # pytest's own handlers sit on the root logger: cut the bunq_context logger off from
    # them, so that only its NullHandler is left, as in an application that configured no
    # logging. ``_events.registered`` says whether the library has the client's callback
    # (without it the library makes no event: no JSON, no call into Python).
    logger = logging.getLogger("bunq_context")
    previous = (logger.level, logger.propagate)
    handler = Collecting()
    logger.propagate = False
    try:
        client = make_client()
        assert not client._events.registered, "made without a callback"
        client.user_id()
        assert not client._events.registered

        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        with client.get("user") as answer:
            assert answer.status == 200
        assert client._events.registered
        assert [record.getMessage().split(" ", 2)[:2] for record in handler.records] == [
            ["GET", "user"]
        ]

        logger.setLevel(logging.ERROR)  # no event is above WARNING: nothing would emit
        client.get("user").close()
        assert not client._events.registered
        assert len(handler.records) == 1

        # A walk made from the client follows the logger too.
        logger.setLevel(logging.DEBUG)
        walk = client.walk("MonetaryAccountBank.list", query={"count": 10})
        logger.setLevel(logging.ERROR)
        next(walk)
        assert not client._events.registered
        logger.setLevel(logging.DEBUG)
        next(iter(client.pages(f"user/{client.user_id()}/monetary-account", {"count": 1})))
        assert client._events.registered
        assert handler.records[-1].getMessage().startswith("GET user/")

        logger.removeHandler(handler)
        client.get("user").close()
        assert not client._events.registered, "only a NullHandler left"
        walk.close()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


def test_a_client_made_while_a_handler_listens_reports_its_creation(
    fake_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bunq_context")
    key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
    with Client.create(client_config(fake_url, key)) as client:
        assert client._events.registered
    messages = [record.getMessage() for record in caplog.records if record.name == "bunq_context"]
    assert [message.split(" ", 2)[:2] for message in messages[:3]] == [
        ["POST", "installation"], ["POST", "device-server"], ["POST", "session-server"]
    ]
