"""Failures become exceptions named like the official SDK's, carrying what the library
reported; bad input never crashes the process."""

from __future__ import annotations

import json
import pickle
import pydoc
from pathlib import Path

import pytest
from support import REPO_ROOT, TEST_OPTIONS, FakeServer, client_config

import bunq_context
from bunq_context import (
    ApiException,
    BadRequestException,
    BunqException,
    Client,
    InvalidInputException,
    InvalidUtf8Exception,
    IoException,
    JsonException,
    KeyPair,
    NotFoundException,
    NullArgumentException,
    OAuth,
    SignatureException,
    Status,
    TooManyRequestsException,
    TransportException,
    create_sandbox_user,
    public_key_of,
    sign,
    verify,
)

BAD_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"
TRUNCATED_PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"
UNREACHABLE = "http://127.0.0.1:1/v1/"


PSD2_DATA = REPO_ROOT / "tests" / "c" / "data"


def test_an_api_error_carries_its_status_descriptions_and_response_id(
    shared_client: Client,
) -> None:
    with pytest.raises(NotFoundException) as raised:
        shared_client.get("user/999999")
    error = raised.value
    assert isinstance(error, ApiException) and isinstance(error, BunqException)
    assert error.status is Status.ERROR_API
    assert error.response_code == 404
    assert len(error.descriptions) >= 1 and all(error.descriptions)
    assert error.response_id
    assert error.response_id in error.message and "404" in error.message
    assert str(error) == error.message
    assert error.step is None
    assert "NotFoundException" in repr(error) and error.response_id in repr(error)


def test_a_tampered_server_signature_is_refused(shared_client: Client) -> None:
    with pytest.raises(SignatureException) as raised:
        shared_client.get("_fake/tampered")
    assert raised.value.status is Status.ERROR_SIGNATURE
    assert raised.value.response_code == 0
    assert not isinstance(raised.value, ApiException)


def test_bad_pems_are_invalid_input() -> None:
    with pytest.raises(InvalidInputException):
        sign("not a pem", b"bunq")
    with pytest.raises(InvalidInputException):
        sign(TRUNCATED_PRIVATE_PEM, b"bunq")
    with pytest.raises(InvalidInputException):
        public_key_of("garbage")
    with pytest.raises(InvalidInputException):
        KeyPair.from_private_key("garbage")
    with pytest.raises(InvalidInputException) as raised:
        verify(BAD_PUBLIC_PEM, b"bunq", "AAAA")
    assert raised.value.status is Status.ERROR_INVALID_INPUT
    assert isinstance(raised.value, ValueError), "bad input is also a ValueError"
    with pytest.raises(InvalidInputException):
        Client.create(base_url=UNREACHABLE, api_key="k", private_key_pem="not a pem")


def test_wrong_signatures_are_signature_errors() -> None:
    keys = KeyPair.generate()
    signature = keys.sign(b"bunq")
    keys.verify(b"bunq", signature)
    with pytest.raises(SignatureException):
        keys.verify(b"bun", signature)
    with pytest.raises(SignatureException):
        verify(keys.public_key_pem, b"bunq", "not base64!")


def test_invalid_json_configuration_is_a_json_error(fake_url: str) -> None:
    with pytest.raises(JsonException):
        Client.create("{")
    with pytest.raises(JsonException):
        Client.create("[1, 2]")
    with pytest.raises(JsonException) as raised:
        Client.create(base_url=fake_url, api_key="k", timeout=5)
    assert "timeout" in raised.value.message, "the misspelt key is named"
    with pytest.raises(JsonException) as raised:
        Client.create(base_url=fake_url, api_key="k", timeout_ms="soon")
    assert "soon" not in raised.value.message, "values are never echoed: they may be secrets"
    with pytest.raises(JsonException):
        Client.from_json("{")
    with pytest.raises(JsonException) as raised:
        Client.from_json(json.dumps({"environment_type": "SANDBOX"}))
    assert "api_key" in raised.value.message
    with pytest.raises(JsonException):
        Client.from_json("{}", save_to=3)
    with pytest.raises(TypeError):
        Client.create("{}", api_key="k")  # a JSON string or keywords, not both


def test_a_misspelt_setting_is_named_with_the_closest_valid_one(fake_url: str) -> None:
    with pytest.raises(JsonException) as raised:
        Client.create(base_url=fake_url, api_key="k", timeout_msec=30000)
    assert raised.value.message == 'unknown setting "timeout_msec"; did you mean "timeout_ms"?'
    # The creation settings count too (the message used to list only the client options).
    with pytest.raises(JsonException) as raised:
        Client.create(base_url=fake_url, api_key="k", permited_ips=["*"])
    assert raised.value.message == 'unknown setting "permited_ips"; did you mean "permitted_ips"?'
    with pytest.raises(JsonException) as raised:
        Client.restore("/nowhere/bunq.conf", colour="blue")
    message = raised.value.message
    assert message.startswith('unknown setting "colour"; the valid ones are "base_url", ')
    assert "config_json" not in message and "options_json" not in message


def test_a_value_of_the_wrong_type_is_named_with_the_type_in_words(fake_url: str) -> None:
    with pytest.raises(JsonException) as raised:
        Client.create(base_url=fake_url, api_key="k", timeout_ms="30000")
    assert raised.value.message == (
        'the setting "timeout_ms" must be a whole number of milliseconds, not a string: '
        "write the number without quotes"
    )
    with pytest.raises(JsonException) as raised:
        Client.from_json("{}", retry="never")
    assert raised.value.message.startswith(
        'the setting "retry" must be true, false or an object with any of "max_attempts"'
    )


def test_help_lists_every_setting_with_its_type_and_default() -> None:
    create_doc = Client.create.__doc__ or ""
    for text in (
        '"api_key": a string, required',
        '"permitted_ips": a list of strings',
        '"timeout_ms": a whole number of milliseconds, default 60000 (60 s).',
        '"rate_limits": true, false or an object',
        '  - "get": a whole number, default 3.',
    ):
        assert text in create_doc, text
    assert "bunq.h" not in create_doc, "the wheel ships no bunq.h to point at"
    restore_doc = Client.restore.__doc__ or ""
    assert '"save_to": a file path (a string) or null' in restore_doc
    assert '"api_key"' not in restore_doc


def test_bad_queries_and_headers_are_json_errors(shared_client: Client) -> None:
    with pytest.raises(JsonException):
        shared_client.get("user", query={"nested": {"not": "allowed"}})
    with pytest.raises(JsonException):
        shared_client.get("user", headers={"a": {}})


def test_a_missing_setting_is_named(fake_url: str) -> None:
    with pytest.raises(InvalidInputException) as raised:
        Client.create(api_key="k")
    assert "environment" in raised.value.message
    with pytest.raises(InvalidInputException):
        create_sandbox_user(base_url=fake_url, kind="robot", **TEST_OPTIONS)


def test_unusable_arguments_are_refused_before_the_library(shared_client: Client) -> None:
    with pytest.raises(InvalidInputException, match="NUL"):
        shared_client.get("user\0/1")
    with pytest.raises(InvalidUtf8Exception):
        shared_client.get("user/\udc80")  # a lone surrogate has no UTF-8 form
    with pytest.raises(NullArgumentException):
        sign(None, b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        shared_client.get(b"user")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        shared_client.post("user", body=b"x", json={})
    with pytest.raises(TypeError):
        shared_client.request_sandbox_money(1, 1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputException):
        shared_client.request("PATCH", "user")
    with pytest.raises(InvalidInputException):
        shared_client.request_sandbox_money(1, "600.00", "too much")


def test_an_unreachable_server_is_a_transport_error_naming_the_step() -> None:
    with pytest.raises(TransportException) as raised:
        Client.create(base_url=UNREACHABLE, api_key="k", connect_timeout_ms=2000, proxy="none")
    assert raised.value.status in (Status.ERROR_TRANSPORT, Status.ERROR_TIMEOUT)
    assert raised.value.step == "installation"


def test_file_errors_are_io_errors(shared_client: Client, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "bunq.conf"
    with pytest.raises(IoException):
        Client.restore(missing)
    with pytest.raises(IoException):
        shared_client.save(missing)


def test_a_refused_oauth_code_is_a_bad_request(fake_url: str) -> None:
    oauth = bunq_context.OAuth(
        "fake-client-id",
        "https://example.com/callback",
        client_secret="fake-client-secret",
        token_url=fake_url + "token",
        proxy="none",
    )
    with pytest.raises(BadRequestException) as raised:
        oauth.exchange_code("not-a-fake-code")
    assert raised.value.response_code == 400


def test_closed_handles_refuse_calls(fake_url: str, api_key: str) -> None:
    client = Client.create(client_config(fake_url, api_key))
    response = client.get("user")
    status = response.status
    client.close()
    client.close()  # closing twice is harmless
    assert client.closed and repr(client) == "<Client (closed)>"
    with pytest.raises(InvalidInputException, match="closed"):
        client.user_id()
    response.close()
    assert response.status == status, "values already read stay readable"
    with pytest.raises(InvalidInputException, match="closed"):
        response.header("Content-Type")


def test_bunq_rate_limits_are_too_many_requests(tmp_path: Path) -> None:
    server = FakeServer("--rate-limits")
    try:
        key = create_sandbox_user(base_url=server.url, **TEST_OPTIONS)
        # No client-side limiter and no retries: the fourth GET within 3 s gets bunq's 429.
        with Client.create(client_config(server.url, key), retry=False) as client:
            with pytest.raises(TooManyRequestsException) as raised:
                for _ in range(10):
                    client.get("user")
    finally:
        server.close()
    assert raised.value.status is Status.ERROR_RATE_LIMITED
    assert raised.value.response_code == 429
    assert isinstance(raised.value, ApiException)


def test_every_status_maps_to_its_name() -> None:
    for status in Status:
        assert bunq_context._native.status_name(status) == status.c_name
    assert bunq_context._native.status_name(99) == "BUNQ_UNKNOWN_STATUS"


def test_exceptions_survive_pickling(shared_client: Client) -> None:
    with pytest.raises(NotFoundException) as raised:
        shared_client.get("user/999999")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is NotFoundException
    assert (copy.message, copy.status, copy.response_code, copy.descriptions, copy.response_id) == (
        raised.value.message,
        raised.value.status,
        raised.value.response_code,
        raised.value.descriptions,
        raised.value.response_id,
    )


def test_every_front_door_names_a_misspelt_setting_and_a_wrong_type(fake_url: str) -> None:
    """The settings' messages come through every function that takes settings, not only
    Client.create: the sandbox helper, OAuth, PSD2 creation and restoring from JSON."""
    closest = 'unknown setting "{}"; did you mean "{}"?'
    with pytest.raises(JsonException) as raised:
        create_sandbox_user(base_url=fake_url, proxi="none")
    assert raised.value.message == closest.format("proxi", "proxy")
    with pytest.raises(JsonException) as raised:
        create_sandbox_user(base_url=fake_url, proxy="none", rate_limits="no")
    assert raised.value.message.startswith(
        'the setting "rate_limits" must be true, false or an object with any of "get", '
    )
    assert raised.value.message.endswith(", not a string")
    with pytest.raises(JsonException) as raised:
        OAuth("id", "https://example.com/cb", environment="SANDBOX", timout_ms=5).authorization_url(
            "state"
        )
    assert raised.value.message == closest.format("timout_ms", "timeout_ms")
    oauth = OAuth(
        "id", "https://example.com/cb", environment="SANDBOX", client_secret="s",
        token_url=fake_url + "token", proxy="none", timeout_ms="5",
    )
    with pytest.raises(JsonException) as raised:
        oauth.exchange_code("code")
    assert raised.value.message.startswith(
        'the setting "timeout_ms" must be a whole number of milliseconds, not a string'
    )
    certificate = (PSD2_DATA / "psd2-test-certificate.pem").read_text()
    key = (PSD2_DATA / "psd2-test-key.pem").read_text()
    with pytest.raises(JsonException) as raised:
        Client.create_psd2(certificate, certificate, key, base_url=fake_url, descripton="x")
    assert raised.value.message == closest.format("descripton", "description")
    with pytest.raises(JsonException) as raised:
        Client.from_json("{}", save_too="bunq.conf")
    assert raised.value.message == closest.format("save_too", "save_to")


def test_help_shows_the_settings_where_users_type_help() -> None:
    """What ``help()`` prints (pydoc), not only ``__doc__``: every settings-taking function
    and class lists its settings with types and defaults."""
    def shown(thing: object) -> str:
        return pydoc.plain(pydoc.render_doc(thing))

    create = shown(Client.create)
    assert '"timeout_ms": a whole number of milliseconds, default 60000 (60 s).' in create
    assert '"api_key": a string, required' in create
    assert '"save_to": a file path (a string) or null' in shown(Client.restore)
    assert '"save_to"' in shown(Client.from_json)
    assert '"api_key"' not in shown(Client.from_json)
    assert '"proxy"' in shown(create_sandbox_user)
    oauth = shown(OAuth)
    assert '"client_secret": a string, default none' in oauth
    assert '"timeout_ms"' in oauth
    assert '"permitted_ips": a list of strings' in shown(Client.create_psd2)
