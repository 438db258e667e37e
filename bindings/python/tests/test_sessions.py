"""Sessions renew themselves, and can be steered by hand."""

from __future__ import annotations

from typing import Callable

from support import FakeServer

from bunq_context import Client


def session_servers(server: FakeServer) -> int:
    return server.stats().get("POST session-server", 0)


def test_a_401_renews_the_session_once_and_the_call_succeeds(
    fake_server: FakeServer, make_client: Callable[..., Client]
) -> None:
    client = make_client()
    user_id = client.user_id()
    before = session_servers(fake_server)

    client.post("_fake/expire-session").close()  # the server forgets this session
    with client.get(f"user/{user_id}") as answer:  # answered 401, renewed, sent again
        assert answer.status == 200
        assert next(iter(answer.json()["Response"][0].values()))["id"] == user_id

    assert session_servers(fake_server) == before + 1
    client.get("user").close()
    assert session_servers(fake_server) == before + 1, "the new session is kept"


def test_the_session_can_be_steered(
    fake_server: FakeServer, make_client: Callable[..., Client]
) -> None:
    client = make_client()
    assert client.session_active
    assert client.ensure_session() is False
    before = session_servers(fake_server)
    client.reset_session()
    assert session_servers(fake_server) == before + 1
    client.close_session()
    assert not client.session_active
    assert client.ensure_session() is True
    assert client.session_active
