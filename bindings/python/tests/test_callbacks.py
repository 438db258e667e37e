"""Callbacks (issue 23.5-23.7) through the binding: bunq's sample bodies parse, bad bodies
are refused, the sender check; then the webhook loop against the fake bunq, in Python's own
idiom: an ``http.server`` receiver on 127.0.0.1 in a thread, a notification filter pointing
at it, a payment made by name, the callbacks received, their sender checked, parsed and
each confirmed through the signed API. And what a receiver must survive: garbage, a huge
body, a forged callback, a replayed delivery, deliveries that failed and are sent again."""

from __future__ import annotations

import http.client
import json
import queue
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Set, Tuple

import pytest
from support import REPO_ROOT, TEST_OPTIONS, FakeServer, client_config

from bunq_context import (
    MAX_CALLBACK_BYTES,
    Callback,
    Client,
    InvalidInputException,
    NotFoundException,
    create_sandbox_user,
    is_from_bunq,
    parse_callback,
)

SAMPLES = REPO_ROOT / "tests" / "data" / "callbacks"
#: How long a test waits for a callback the fake should deliver within milliseconds.
PATIENCE = 20.0
#: The fake's callbacks come from this machine (127.0.0.2 on Linux): the loop's "bunq range".
LOOPBACK = ["127.0.0.0/8", "::1/128"]


# ---- The receiver: Python's http.server in a thread ----------------------------------------


class Receiver(ThreadingHTTPServer):
    """A webhook receiver on 127.0.0.1: each POST is parsed and queued as (sender address,
    callback, raw body) and answered at once; garbage is answered 400, a body over
    MAX_CALLBACK_BYTES 413 before it is read. ``failing`` deliveries are answered 500
    (after being queued), as a receiver that broke would."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), CallbackHandler)
        self.received: "queue.Queue[Tuple[str, Callback, bytes]]" = queue.Queue()
        self.refused: "queue.Queue[int]" = queue.Queue()
        self.failing = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/bunq-callback"

    def take(self, count: int) -> List[Tuple[str, Callback, bytes]]:
        """The next ``count`` deliveries, waiting up to PATIENCE seconds in all."""
        deadline = time.monotonic() + PATIENCE
        taken = []
        for _ in range(count):
            taken.append(self.received.get(timeout=max(0.1, deadline - time.monotonic())))
        return taken

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=10)


class CallbackHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_CALLBACK_BYTES:
            self.server.refused.put(413)
            self.answer(413, b"too large")
            self.close_connection = True
            return
        body = self.rfile.read(length)
        try:
            callback = parse_callback(body)
        except InvalidInputException as error:
            self.server.refused.put(400)
            self.answer(400, str(error).encode())
            return
        self.server.received.put((self.client_address[0], callback, body))
        with self.server.lock:
            fail = self.server.failing > 0
            if fail:
                self.server.failing -= 1
        self.answer(500 if fail else 200, b"")

    def answer(self, status: int, text: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - its name
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def quick_fake() -> Iterator[FakeServer]:
    """A fake bunq that tries a failed callback again after 50 ms instead of a minute."""
    server = FakeServer("--callback-retry-interval-ms", "50")
    yield server
    server.close()


@pytest.fixture
def quick_client(quick_fake: FakeServer) -> Iterator[Client]:
    key = create_sandbox_user(base_url=quick_fake.url, **TEST_OPTIONS)
    with Client.create(client_config(quick_fake.url, key)) as client:
        yield client


def funded_account(client: Client) -> int:
    account_id: int = client.call("MonetaryAccountBank.list")[0]["id"]
    client.request_sandbox_money(account_id, "10.00", "money to spend")
    return account_id


def pay(client: Client, account_id: int, description: str = "a callback, please") -> int:
    payment_id: int = client.call(
        "Payment.create",
        monetary_account_id=account_id,
        body={
            "amount": {"value": "0.01", "currency": "EUR"},
            "counterparty_alias": {
                "type": "EMAIL",
                "value": "sugardaddy@bunq.com",
                "name": "Sugar Daddy",
            },
            "description": description,
        },
    )
    return payment_id


def post(url: str, body: bytes) -> int:
    """POSTs ``body`` to ``url``; the status answered."""
    request = urllib.request.Request(url, data=body, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as answer:
            status: int = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status


# ---- Parsing and the sender check, offline -------------------------------------------------


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda path: path.stem)
def test_every_sample_of_bunq_parses(sample: Any) -> None:
    body = sample.read_bytes()
    callback = parse_callback(body)
    notification = json.loads(body)["NotificationUrl"]
    (object_type, bunq_object), = notification["object"].items()
    assert callback.object_type == object_type
    assert callback.category == notification["category"]
    assert callback.event_type == notification["event_type"]
    assert callback.object == bunq_object
    assert callback.object_id == bunq_object.get("id")
    assert re.fullmatch(r"[0-9a-f]{64}", callback.deduplication_key)
    assert parse_callback(body.decode("utf-8")) == callback, "text is read as its UTF-8"
    assert repr(callback).startswith(f"<Callback {callback.category} ")


def test_garbage_and_huge_bodies_are_refused() -> None:
    for garbage in (b"", b"not json", b"{}", b"[1,2]", b'{"NotificationUrl": 7}',
                    b'{"NotificationUrl": {"category": "PAYMENT"}}', b"\xff\xfe"):
        with pytest.raises(InvalidInputException, match="not a bunq callback"):
            parse_callback(garbage)
    body = (SAMPLES / "Mutation.json").read_bytes()
    huge = body + b" " * (MAX_CALLBACK_BYTES + 1 - len(body))
    with pytest.raises(InvalidInputException):
        parse_callback(huge)
    with pytest.raises(TypeError):
        parse_callback(None)  # type: ignore[arg-type]


def test_the_sender_is_checked_against_bunqs_range_or_the_given_ones() -> None:
    assert is_from_bunq("185.40.108.7")
    assert is_from_bunq("[::ffff:185.40.111.255]:443")
    assert not is_from_bunq("185.40.112.0")
    assert not is_from_bunq("127.0.0.2")
    assert is_from_bunq("127.0.0.2:5000", ["127.0.0.0/8"])
    assert not is_from_bunq("185.40.108.7", ["127.0.0.0/8"])
    with pytest.raises(InvalidInputException):
        is_from_bunq("bunq.com")
    with pytest.raises(InvalidInputException):
        is_from_bunq("1.2.3.4", ["185.40.108.1/22"])  # bits beyond the prefix: a typo
    with pytest.raises(TypeError):
        is_from_bunq("1.2.3.4", "185.40.108.0/22")  # a str is a sequence, but not of ranges


# ---- The loop against the fake ---------------------------------------------------------------


def test_the_whole_webhook_loop(
    make_client: Callable[..., Client], receiver: Receiver
) -> None:
    client = make_client()
    account_id = funded_account(client)

    with pytest.raises(InvalidInputException):
        client.add_notification_filter("PAYMENT", "ftp://127.0.0.1/x", account_id)
    with pytest.raises(InvalidInputException):
        client.add_notification_filter("PAYMENT", "http://example.com/x", account_id)
    client.add_notification_filter("PAYMENT", receiver.url, account_id)
    written = client.add_notification_filter("MUTATION", receiver.url, account_id)
    assert sorted(item["category"] for item in written) == ["MUTATION", "PAYMENT"]
    assert client.notification_filters(account_id) == written
    assert client.notification_filters() == [], "the user's own list is another list"

    payment_id = pay(client, account_id)
    deliveries = receiver.take(2)
    seen = set()
    for sender, callback, _ in deliveries:
        assert not is_from_bunq(sender), "the fake is not bunq's production"
        assert is_from_bunq(sender, LOOPBACK)
        assert callback.object_type == "Payment"
        assert callback.object_id == payment_id
        assert callback.target_url == receiver.url
        current = client.confirm_callback(callback)
        assert current["id"] == payment_id
        assert current["amount"] == callback.object["amount"] == {
            "value": "-0.01", "currency": "EUR"
        }
        assert current == client.call(
            "Payment.get", monetary_account_id=account_id, payment_id=payment_id
        )
        seen.add(callback.deduplication_key)
    assert sorted(callback.category for _, callback, _ in deliveries) == ["MUTATION", "PAYMENT"]
    assert len(seen) == 2, "two events, two keys"

    assert client.remove_notification_filter("PAYMENT", receiver.url, account_id) == [
        {"category": "MUTATION", "notification_target": receiver.url}
    ]
    client.clear_notification_filters(account_id)
    assert client.notification_filters(account_id) == []


def test_a_forged_callback_confirms_as_not_found(shared_client: Client) -> None:
    account_id = shared_client.call("MonetaryAccountBank.list")[0]["id"]
    forged = parse_callback(json.dumps({"NotificationUrl": {
        "category": "PAYMENT",
        "event_type": "PAYMENT_CREATED",
        "object": {"Payment": {"id": 999999, "monetary_account_id": account_id}},
    }}))
    with pytest.raises(NotFoundException) as raised:
        shared_client.confirm_callback(forged)
    assert raised.value.response_code == 404
    with pytest.raises(TypeError):
        shared_client.confirm_callback({"object_type": "Payment"})  # type: ignore[arg-type]


def test_a_receiver_answers_garbage_and_huge_bodies_without_queueing_them(
    receiver: Receiver,
) -> None:
    assert post(receiver.url, b"not a callback") == 400
    assert receiver.refused.get(timeout=PATIENCE) == 400
    # A huge body is refused by its Content-Length, before it is read.
    connection = http.client.HTTPConnection("127.0.0.1", receiver.server_address[1], timeout=10)
    try:
        connection.putrequest("POST", "/bunq-callback")
        connection.putheader("Content-Length", str(2 * MAX_CALLBACK_BYTES))
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    assert receiver.refused.get(timeout=PATIENCE) == 413
    assert receiver.received.empty()


def test_a_replayed_delivery_has_the_same_deduplication_key(
    quick_client: Client, receiver: Receiver
) -> None:
    account_id = funded_account(quick_client)
    quick_client.replace_notification_filters(
        [{"category": "PAYMENT", "notification_target": receiver.url}], account_id
    )
    receiver.failing = 1  # the first delivery fails: the fake sends it again
    payment_id = pay(quick_client, account_id)
    (_, first, first_body), (_, again, again_body) = receiver.take(2)
    assert again_body == first_body, "every try sends the same bytes"
    assert first.deduplication_key == again.deduplication_key
    assert first.object_id == again.object_id == payment_id
    handled: Set[str] = set()
    acted_on = []
    for callback in (first, again):  # what a receiver does: skip a key already handled
        if callback.deduplication_key not in handled:
            handled.add(callback.deduplication_key)
            acted_on.append(callback)
    assert acted_on == [first], "the repeat is detected and skipped"
    quick_client.clear_notification_filters(account_id)


def test_failed_deliveries_are_listed_and_sent_again(
    quick_client: Client, receiver: Receiver
) -> None:
    account_id = funded_account(quick_client)
    quick_client.replace_notification_filters(
        [{"category": "PAYMENT", "notification_target": receiver.url}], account_id
    )
    receiver.failing = 6  # every try fails: 6 tries, then bunq lists it
    payment_id = pay(quick_client, account_id)
    assert len(receiver.take(6)) == 6
    failures: List[Dict[str, Any]] = []
    deadline = time.monotonic() + PATIENCE
    while not failures and time.monotonic() < deadline:
        failures = quick_client.callback_failures()
        time.sleep(0.05)
    (failure,) = failures
    assert failure["category"] == "PAYMENT" and failure["object_id"] == payment_id

    quick_client.retry_callback_failures([failure["id"]])
    ((_, callback, _),) = receiver.take(1)
    assert callback.object_id == payment_id
    assert quick_client.confirm_callback(callback)["id"] == payment_id
    with pytest.raises(TypeError):
        quick_client.retry_callback_failures("1,2")  # type: ignore[arg-type]
    quick_client.clear_notification_filters(account_id)
