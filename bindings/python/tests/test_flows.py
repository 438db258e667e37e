"""The other flows through the binding: attachments, OAuth, PSD2, responses, keys, and one
client shared by several Python threads."""

from __future__ import annotations

import threading
import time
from typing import Callable, Dict, List

import pytest
from support import REPO_ROOT, TEST_OPTIONS, FakeServer, client_config

from bunq_context import (
    BadRequestException,
    Client,
    InvalidInputException,
    KeyPair,
    NotFoundException,
    OAuth,
    Status,
    public_key_of,
)

# Binary, with a NUL inside: the bytes must come back exactly.
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])
PSD2_DATA = REPO_ROOT / "tests" / "c" / "data"


def first_account_id(client: Client) -> int:
    with client.get(f"user/{client.user_id()}/monetary-account", query={"count": 1}) as page:
        (account,) = page.json()["Response"][0].values()
    account_id: int = account["id"]
    return account_id


def test_attachments_go_up_and_come_back(make_client: Callable[..., Client]) -> None:
    client = make_client()
    uuid = client.upload_public_attachment(PNG, "image/png", "Python test avatar")
    assert uuid
    assert client.download_public_attachment(uuid) == PNG

    account_id = first_account_id(client)
    attachment_id = client.upload_account_attachment(
        account_id, PNG, "image/png", "Python test receipt"
    )
    assert attachment_id > 0
    assert client.download_account_attachment(account_id, attachment_id) == PNG


def test_oauth_gives_an_access_token_that_works_as_an_api_key(
    fake_url: str, make_client: Callable[..., Client]
) -> None:
    oauth = OAuth(
        "fake-client-id",
        "https://example.com/callback?from=python",
        environment="SANDBOX",
        client_secret="fake-client-secret",
        token_url=fake_url + "token",
        proxy="none",
    )
    assert oauth.authorization_url("state 1") == (
        "https://oauth.sandbox.bunq.com/auth?response_type=code&client_id=fake-client-id"
        "&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dpython&state=state%201"
    )
    assert "fake-client-secret" not in repr(oauth)
    # The fake accepts each fake-code-* once: this run's own, from a fresh user's id.
    code = f"fake-code-python-{make_client().user_id()}"
    token = oauth.exchange_code(code)
    assert token
    with pytest.raises(BadRequestException):
        oauth.exchange_code(code)

    with Client.create(client_config(fake_url, token)) as client:
        assert list(client.user()) == ["UserApiKey"]


def test_a_psd2_provider_gets_a_session(fake_url: str) -> None:
    certificate = (PSD2_DATA / "psd2-test-certificate.pem").read_text()
    key = (PSD2_DATA / "psd2-test-key.pem").read_text()
    with Client.create_psd2(
        certificate,
        certificate,
        key,
        base_url=fake_url,
        description="Python test provider",
        permitted_ips=["*"],
        **TEST_OPTIONS,
    ) as client:
        assert list(client.user()) == ["UserPaymentServiceProvider"]


def test_a_response_gives_status_headers_body_and_ids(shared_client: Client) -> None:
    user_id = shared_client.user_id()
    with shared_client.get(f"user/{user_id}") as response:
        assert response.status == 200
        assert response.response_id
        assert response.headers["x-bunq-client-response-id"] == response.response_id
        assert response.header("X-Bunq-Client-Response-Id") == response.response_id
        assert response.header("X-Not-There") is None
        assert "X-Not-There" not in response.headers
        assert response.headers.get("X-Not-There", "none") == "none"
        with pytest.raises(KeyError):
            response.headers["X-Not-There"]
        assert response.body.startswith(b"{") and response.text == response.body.decode()
        assert next(iter(response.json()["Response"][0].values()))["id"] == user_id
        assert repr(response) == "<Response 200>"
        with pytest.raises(Exception) as raised:
            response.created_id()  # a GET answer has no Id object
        assert getattr(raised.value, "status", None) is Status.ERROR_JSON


def test_queries_take_mappings_and_pairs(shared_client: Client) -> None:
    path = f"user/{shared_client.user_id()}/monetary-account"
    with shared_client.get(path, query={"count": 3}) as by_mapping:
        assert len(by_mapping.json()["Response"]) == 3
    with shared_client.get(path, query=[("count", 4)]) as by_pairs:
        assert len(by_pairs.json()["Response"]) == 4


def test_keys_are_generated_derived_and_used() -> None:
    keys = KeyPair.generate()
    assert keys.private_key_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert keys.public_key_pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert public_key_of(keys.private_key_pem) == keys.public_key_pem
    assert KeyPair.from_private_key(keys.private_key_pem) == keys
    keys.verify(b"", keys.sign(b""))  # empty data is fine
    keys.verify('{"amount": "1.00"}', keys.sign(b'{"amount": "1.00"}'))


THREADS = 6
CALLS_PER_THREAD = 5


def test_one_client_serves_several_python_threads(
    fake_server: FakeServer, make_client: Callable[..., Client]
) -> None:
    """ctypes releases the GIL during calls: the threads' calls run at once in the library,
    each with its own last error."""
    client = make_client()
    user_id = client.user_id()
    failures: List[BaseException] = []
    start = threading.Barrier(THREADS)

    def work() -> None:
        try:
            start.wait()
            for _ in range(CALLS_PER_THREAD):
                assert client.user_id() == user_id
                with client.get(f"user/{user_id}") as answer:
                    assert answer.status == 200
                with pytest.raises(NotFoundException) as raised:
                    client.get("user/999999")
                assert raised.value.response_code == 404 and raised.value.response_id
        except BaseException as failure:  # reported by the main thread
            failures.append(failure)

    before = fake_server.stats().get("POST session-server", 0)
    client.post("_fake/expire-session").close()  # every thread meets the expired session
    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    assert fake_server.stats().get("POST session-server", 0) == before + 1, "single-flight"


def test_close_waits_for_calls_in_other_threads(
    fake_server: FakeServer, make_client: Callable[..., Client]
) -> None:
    client, releaser = make_client(), make_client()
    client.user_id()  # the session is open: the held call below is the only one in flight
    times: Dict[str, float] = {}
    outcome: List[object] = []
    rendezvous = {"parties": 2}  # the fake answers once a second such call arrives

    def held_call() -> None:
        times["call started"] = time.monotonic()
        try:
            with client.get("_fake/rendezvous", query=rendezvous) as answer:
                outcome.append(answer.json()["Response"][0]["Rendezvous"]["complete"])
        except BaseException as failure:  # reported by the main thread
            outcome.append(failure)
        times["call finished"] = time.monotonic()

    def close() -> None:
        times["close began"] = time.monotonic()
        client.close()
        times["close returned"] = time.monotonic()

    def wait_until(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 30
        while not condition():
            assert time.monotonic() < deadline, f"no {what} within 30 s"
            time.sleep(0.01)

    arrived = fake_server.stats().get("GET _fake/rendezvous", 0)
    # A daemon: should close() not wait, the call is left on the server rather than released
    # into a freed client (the fake gives up on it after 10 s).
    caller = threading.Thread(target=held_call, daemon=True)
    caller.start()
    # The server has the call and holds it until the releaser's call comes.
    wait_until(lambda: fake_server.stats().get("GET _fake/rendezvous", 0) > arrived, "held call")
    closer = threading.Thread(target=close)
    closer.start()
    wait_until(lambda: "close began" in times, "close()")
    closer.join(timeout=1.0)
    assert closer.is_alive() and caller.is_alive(), (
        f"close() returned while a call was in flight: {times}"
    )
    times["released"] = time.monotonic()
    with releaser.get("_fake/rendezvous", query=rendezvous) as answer:
        assert answer.json()["Response"][0]["Rendezvous"]["complete"] is True
    caller.join(timeout=60)
    closer.join(timeout=60)
    assert not caller.is_alive() and not closer.is_alive()

    assert outcome == [True], "the held call was answered when the releaser came"
    order = sorted(times, key=times.__getitem__)
    assert order.index("call started") < order.index("close began"), times
    # The server let the held call go only at "released": it was in flight until then, and
    # close() returned after that, once the call had finished with it.
    assert order.index("close began") < order.index("released") < order.index("close returned")
    assert times["call finished"] > times["released"], times
    assert client.closed
    with pytest.raises(InvalidInputException, match="closed"):
        client.get("user")
