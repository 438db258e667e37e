"""HTTPS through the binding, against the fake bunq server in its TLS mode: the trust settings
pass through the configuration (``tls``), calls reuse one TLS connection, and an untrusted
or wrongly pinned server is a TransportException naming the problem."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
from support import TEST_OPTIONS, FakeServer, client_config

from bunq_context import Client, InvalidInputException, TransportException, create_sandbox_user

OTHER_PIN = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="


@pytest.fixture(scope="module")
def https_server() -> Iterator[FakeServer]:
    server = FakeServer("--tls")
    assert server.url.startswith("https://127.0.0.1:")
    yield server
    server.close()


def trusting(server: FakeServer, **tls: Any) -> Dict[str, Any]:
    """The test options, trusting the fake's CA from its file."""
    return dict(TEST_OPTIONS, tls=dict(ca_file=server.ca_file, **tls))


def test_a_flow_runs_over_https_on_one_connection(https_server: FakeServer) -> None:
    options = trusting(https_server)
    key = create_sandbox_user(base_url=https_server.url, **options)
    config = client_config(https_server.url, key)
    config["tls"] = options["tls"]
    with Client.create(config) as client:
        user_id = client.user_id()
        pages = list(client.pages(f"user/{user_id}/monetary-account", {"count": 10}))
        assert len(pages) == 3
        for page in pages:
            page.close()
        for _ in range(100):
            client.get("user").close()
        stats = client.transport_stats()
        assert stats["requests_sent"] == 103  # 3 pages and 100 calls
        assert stats["connections_opened"] == 1
        assert stats["tls_handshakes"] == 1
        assert stats["last_tls"]["version"].startswith("TLSv1_")
        assert stats["last_tls"]["cipher_suite"]
        assert stats["last_tls"]["host"] == "127.0.0.1"


def test_the_servers_own_pin_is_accepted(https_server: FakeServer) -> None:
    # The pin to use is the one the server presented, as the statistics report it.
    key = create_sandbox_user(base_url=https_server.url, **trusting(https_server))
    config = client_config(https_server.url, key)
    config["tls"] = {"ca_file": https_server.ca_file}
    with Client.create(config) as client:
        client.get("user").close()
        pin = client.transport_stats()["last_tls"]["server_key_pin_sha256"]
    pinned = trusting(https_server, roots="only-added", pin_sha256=[OTHER_PIN, pin])
    assert create_sandbox_user(base_url=https_server.url, **pinned)


def test_an_untrusted_server_is_refused(https_server: FakeServer) -> None:
    with pytest.raises(TransportException) as refused:
        create_sandbox_user(base_url=https_server.url, **TEST_OPTIONS)
    assert "certificate not trusted" in str(refused.value)
    assert "127.0.0.1" in str(refused.value)


def test_a_server_whose_key_is_not_pinned_is_refused(https_server: FakeServer) -> None:
    with pytest.raises(TransportException) as refused:
        create_sandbox_user(
            base_url=https_server.url, **trusting(https_server, pin_sha256=[OTHER_PIN])
        )
    assert "pinned key mismatch" in str(refused.value)


def test_bad_trust_settings_are_invalid_input(https_server: FakeServer) -> None:
    with pytest.raises(InvalidInputException):
        create_sandbox_user(base_url=https_server.url, **trusting(https_server, roots="mozilla"))
    with pytest.raises(InvalidInputException):
        create_sandbox_user(
            base_url=https_server.url, **dict(TEST_OPTIONS, tls={"ca_file": "/nonexistent.pem"})
        )
