"""The quickstart, through the binding, against the fake bunq server: a sandbox user, a new
context saved to a file and to a string and restored from both, the user, every monetary
account through every page, money from the sandbox's sugar daddy, a payment of 0.01 EUR,
and the context saved again."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Tuple

from support import TEST_OPTIONS, client_config

from bunq_context import Client, create_sandbox_user

PAYMENT = {
    "amount": {"value": "0.01", "currency": "EUR"},
    "counterparty_alias": {
        "type": "EMAIL",
        "value": "sugardaddy@bunq.com",
        "name": "Sugar Daddy",
    },
    "description": "Python binding quickstart",
}


def every_account(client: Client, user_id: int) -> Tuple[int, List[Tuple[str, Dict[str, Any]]]]:
    """The number of pages and every account with its kind, walking pages of 10."""
    page_count = 0
    accounts: List[Tuple[str, Dict[str, Any]]] = []
    with client.pages(f"user/{user_id}/monetary-account", {"count": 10}) as pages:
        for page in pages:
            with page:
                assert page.status == 200
                page_count += 1
                for item in page.json()["Response"]:
                    ((kind, account),) = item.items()  # each account in its kind's key
                    accounts.append((kind, account))
        future_url = pages.future_url
    assert future_url is not None and "newer_id" in future_url
    return page_count, accounts


def balance(client: Client, user_id: int, account_id: int) -> Decimal:
    answer = client.get(f"user/{user_id}/monetary-account/{account_id}").json()
    (account,) = answer["Response"][0].values()
    return Decimal(account["balance"]["value"])


def test_the_whole_quickstart_flow(fake_url: str, tmp_path: Path) -> None:
    api_key = create_sandbox_user(base_url=fake_url, kind="person", **TEST_OPTIONS)
    assert api_key
    context_file = tmp_path / "bunq.conf"

    with Client.create(client_config(fake_url, api_key)) as created:
        created.save(context_file)
        context_json = created.to_json()
    assert created.closed
    saved = json.loads(context_json)
    assert {"api_key", "installation_context", "session_context"} <= saved.keys()
    assert json.loads(context_file.read_text()) == saved
    assert context_file.stat().st_mode & 0o077 == 0, "the context file is the owner's only"

    with (
        Client.from_json(context_json, TEST_OPTIONS) as from_string,
        Client.restore(context_file, TEST_OPTIONS) as client,
    ):
        assert from_string.to_json() == client.to_json()

        user = client.user()
        assert list(user) == ["UserPerson"]
        user_id = client.user_id()
        assert user["UserPerson"]["id"] == user_id
        assert from_string.user_id() == user_id

        page_count, accounts = every_account(client, user_id)
        assert page_count == 3
        # 25 bank accounts, a savings and a joint account: every kind, each account once.
        assert len(accounts) == 27
        assert len({account["id"] for _, account in accounts}) == 27
        kinds = [kind for kind, _ in accounts]
        assert kinds.count("MonetaryAccountBank") == 25
        assert kinds.count("MonetaryAccountSavings") == 1
        assert kinds.count("MonetaryAccountJoint") == 1
        account_id = accounts[0][1]["id"]

        before = balance(client, user_id, account_id)
        inquiry_id = client.request_sandbox_money(account_id, "100.00", "Python quickstart")
        assert inquiry_id > 0
        assert balance(client, user_id, account_id) == before + Decimal("100.00")

        with client.post(
            f"user/{user_id}/monetary-account/{account_id}/payment",
            json=PAYMENT,
            headers={"Content-Type": "application/json"},
        ) as payment:
            assert payment.status == 200
            assert payment.created_id() > 0
            assert payment.response_id
        assert balance(client, user_id, account_id) == before + Decimal("99.99")

        client.save(context_file)

    with Client.restore(context_file, TEST_OPTIONS) as again:
        assert again.user_id() == user_id
