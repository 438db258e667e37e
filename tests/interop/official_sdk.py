"""Drives bunq's official Python SDK (bunq-sdk from PyPI) for the interoperability test.

    official_sdk.py create BASE_URL API_KEY FILE    create a context with the SDK, save it to FILE
    official_sdk.py call BASE_URL FILE              restore FILE with the SDK, make signed calls

The SDK only knows bunq's own hosts, so its SANDBOX base URL is pointed at BASE_URL (the
offline fake server). `call` prints one JSON line: the user id and the request-inquiry id.
"""

import json
import sys

from bunq.sdk.context.api_context import ApiContext
from bunq.sdk.context.api_environment_type import ApiEnvironmentType
from bunq.sdk.http.api_client import ApiClient


def point_sandbox_at(base_url: str) -> None:
    # ApiEnvironmentType keeps its URL in _uri_base; the SDK offers no other way to change it.
    ApiEnvironmentType.SANDBOX._uri_base = base_url


def create(base_url: str, api_key: str, path: str) -> None:
    point_sandbox_at(base_url)
    context = ApiContext.create(ApiEnvironmentType.SANDBOX, api_key, "official python sdk", ["*"])
    context.save(path)


def call(base_url: str, path: str) -> None:
    point_sandbox_at(base_url)
    context = ApiContext.restore(path)
    client = ApiClient(context)
    user = json.loads(client.get("user", {}, {}).body_bytes)["Response"][0]
    user_id = next(iter(user.values()))["id"]
    accounts = json.loads(client.get(f"user/{user_id}/monetary-account", {}, {}).body_bytes)
    account_id = next(iter(accounts["Response"][0].values()))["id"]
    # request-inquiry answers 466 unless signed: this proves the restored key signs.
    body = json.dumps({
        "amount_inquired": {"value": "10.00", "currency": "EUR"},
        "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
        "description": "interop",
        "allow_bunqme": True,
    }).encode()
    answer = client.post(f"user/{user_id}/monetary-account/{account_id}/request-inquiry", body, {})
    inquiry_id = json.loads(answer.body_bytes)["Response"][0]["Id"]["id"]
    print(json.dumps({"user_id": user_id, "account_id": account_id, "request_inquiry_id": inquiry_id}))


def main(argv: list) -> int:
    if len(argv) == 5 and argv[1] == "create":
        create(argv[2], argv[3], argv[4])
        return 0
    if len(argv) == 4 and argv[1] == "call":
        call(argv[2], argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
