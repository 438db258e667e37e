"""Calls by name (issue 22.5) against the fake bunq server: the operation table, every kind
of account, payments made, listed (all at once and lazily), read back, bytes by name, and
wrong calls refused by the library, as the right exception, before anything is sent."""

from __future__ import annotations

from typing import Any, Callable, Dict, List

import pytest

from bunq_context import (
    Client,
    InvalidInputException,
    NotFoundException,
    Walk,
    operations,
)

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])


def requests_sent(client: Client) -> int:
    sent: int = client.transport_stats()["requests_sent"]
    return sent


def a_bank_account(client: Client) -> int:
    account_id: int = client.call("MonetaryAccountBank.list")[0]["id"]
    return account_id


def pay(client: Client, account_id: int, cents: int) -> Any:
    return client.call(
        "Payment.create",
        monetary_account_id=account_id,
        body={
            "amount": {"value": f"0.{cents:02d}", "currency": "EUR"},
            "counterparty_alias": {
                "type": "EMAIL",
                "value": "sugardaddy@bunq.com",
                "name": "Sugar Daddy",
            },
            "description": "by name, from Python",
        },
    )


def test_the_table_lists_every_operation_without_a_call() -> None:
    table = operations()
    assert len(table) > 400
    by_name: Dict[str, Dict[str, Any]] = {row["name"]: row for row in table}
    assert by_name["Payment.list"] == {
        "name": "Payment.list",
        "method": "GET",
        "path": "user/{user_id}/monetary-account/{monetary_account_id}/payment",
        "object_key": "Payment",
        "answer": "list",
        "ids": ["user_id", "monetary_account_id"],
    }
    assert by_name["Payment.create"]["answer"] == "id"
    assert by_name["SchedulePayment.get"]["object_key"] == "ScheduledPayment"
    assert by_name["AttachmentPublicContent.list"]["answer"] == "binary"
    assert {row["answer"] for row in table} <= {
        "object", "list", "id", "uuid", "binary", "nothing", "envelope"
    }


def test_every_kind_of_account_comes_back_wrapped_in_its_kind(
    make_client: Callable[..., Client],
) -> None:
    client = make_client()
    accounts = client.call("MonetaryAccount.list")
    assert isinstance(accounts, list)
    kinds = [next(iter(account)) for account in accounts]
    assert all(len(account) == 1 for account in accounts), "an anchor: one kind per item"
    assert (
        kinds.count("MonetaryAccountBank"),
        kinds.count("MonetaryAccountSavings"),
        kinds.count("MonetaryAccountJoint"),
    ) == (25, 1, 1)
    user = client.call("User.get")
    assert list(user) == ["UserPerson"] and user["UserPerson"]["id"] == client.user_id()
    bank = client.call("MonetaryAccountBank.list")
    assert len(bank) == 25 and "MonetaryAccountBank" not in bank[0], "not an anchor: bare"


def test_payments_are_made_listed_and_read_back_by_name(
    make_client: Callable[..., Client],
) -> None:
    client = make_client()
    account_id = a_bank_account(client)
    client.request_sandbox_money(account_id, "10.00", "money to spend")
    made = [pay(client, account_id, cents) for cents in (1, 2, 3)]
    assert all(isinstance(payment_id, int) and payment_id > 0 for payment_id in made)

    # Every page at once, one payment a page: a list of the payments themselves.
    everything = client.call("Payment.list", monetary_account_id=account_id, query={"count": 1})
    assert isinstance(everything, list)
    ids = [payment["id"] for payment in everything]
    assert all(ids.count(payment_id) == 1 for payment_id in made)
    assert ids[:3] == made[::-1], "newest first"

    # Ids may be strings of digits, too.
    second = client.call(
        "Payment.get", monetary_account_id=str(account_id), payment_id=str(made[1])
    )
    assert second["id"] == made[1]
    assert second["amount"] == {"value": "-0.02", "currency": "EUR"}

    with pytest.raises(NotFoundException) as raised:
        client.call("Payment.get", monetary_account_id=account_id, payment_id=999999)
    assert raised.value.response_code == 404


def test_a_walk_fetches_its_pages_only_when_asked(make_client: Callable[..., Client]) -> None:
    client = make_client()
    account_id = a_bank_account(client)
    client.request_sandbox_money(account_id, "10.00", "money to spend")
    made = [pay(client, account_id, cents) for cents in (1, 2, 3)]

    before = requests_sent(client)
    with client.walk("Payment.list", monetary_account_id=account_id, query={"count": 1}) as walk:
        assert isinstance(walk, Walk)
        assert requests_sent(client) == before, "no page is fetched before one is asked for"
        newest = next(walk)
        assert newest["id"] == made[-1]
        assert requests_sent(client) == before + 1, "one page, one request"
        assert walk.future_url is not None
        rest = list(walk)
    assert [newest["id"]] + [payment["id"] for payment in rest][:2] == made[::-1]
    # The sugar daddy's money and the three payments, one page each: the oldest page has no
    # older one, so the walk ends without another request.
    assert len(rest) == 3
    assert requests_sent(client) == before + 4
    assert next(walk, None) is None

    # Page by page.
    pages: List[List[Any]] = list(
        client.walk("Payment.list", monetary_account_id=account_id, query={"count": 2}).pages()
    )
    assert [len(page) for page in pages] == [2, 2]


def test_bytes_come_back_by_name(make_client: Callable[..., Client]) -> None:
    client = make_client()
    uuid = client.upload_public_attachment(PNG, "image/png", "Python test avatar")
    assert client.call_bytes("AttachmentPublicContent.list", attachment_public_uuid=uuid) == PNG
    account_id = a_bank_account(client)
    attachment_id = client.upload_account_attachment(
        account_id, PNG, "image/png", "Python test receipt"
    )
    content = client.call_bytes(
        "AttachmentMonetaryAccountContent.list",
        monetary_account_id=account_id,
        attachment_id=attachment_id,
    )
    assert content == PNG


def test_wrong_calls_are_refused_before_anything_is_sent(shared_client: Client) -> None:
    client = shared_client
    client.user_id()  # the session is open: nothing below needs a request
    before = requests_sent(client)

    with pytest.raises(InvalidInputException) as raised:
        client.call("Payment.lsit", monetary_account_id=1)
    assert "did you mean" in raised.value.message and "Payment.list" in raised.value.message
    with pytest.raises(InvalidInputException) as raised:
        client.call("Payment.list")
    assert "monetary_account_id" in raised.value.message
    with pytest.raises(InvalidInputException) as raised:
        client.call("Payment.get", monetary_account_id=1, payment_id="seven")
    assert "payment_id" in raised.value.message
    with pytest.raises(InvalidInputException) as raised:
        client.call("Payment.list", monetary_account_id=1, card_id=2)
    assert "card_id" in raised.value.message
    with pytest.raises(InvalidInputException) as raised:
        client.call("Payment.list", monetary_account_id=1, body={"description": "no"})
    assert "body" in raised.value.message
    with pytest.raises(InvalidInputException) as raised:
        client.call(
            "AttachmentPublicContent.list",
            attachment_public_uuid="0b0c0e4c-0000-4000-8000-000000000000",
        )
    assert "Python call_bytes" in raised.value.message
    with pytest.raises(InvalidInputException):
        client.call_bytes("Payment.list", monetary_account_id=1)
    with pytest.raises(InvalidInputException):
        client.walk("Payment.get", monetary_account_id=1, payment_id=1)
    with pytest.raises(TypeError):
        client.call("Payment.list", monetary_account_id=1, query="count=1")  # type: ignore
    assert requests_sent(client) == before
