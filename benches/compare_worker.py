"""One side of benches/compare.rs: measures the Python binding or the official Python SDK.

    python3 compare_worker.py binding     # bunq_context (PYTHONPATH / BUNQ_LIBRARY_PATH)
    python compare_worker.py sdk          # bunq-sdk (run with .venv/bunq-sdk's Python)

Reads one JSON command per line on stdin and answers each with one JSON line on stdout, so
that the driver can alternate the implementations measurement by measurement. Every answer
carries "seconds" (wall clock of the measured loop), "cpu_seconds" (user + system time of this
process over the loop), and for calls the connections opened and names looked up meanwhile.
Nothing here is asserted: it only measures.
"""

from __future__ import annotations

import json
import resource
import socket
import sys
import threading
import time
from typing import Any, Callable, Dict, List

PAYMENT = (
    b'{"amount":{"value":"12.50","currency":"EUR"},"counterparty_alias":{"type":"EMAIL",'
    b'"value":"sugardaddy@bunq.com","name":"Sugar Daddy"},"description":"bench"}'
)


#: A callback body as bunq sends it (a MUTATION of a payment); compare.sh runs from the root.
CALLBACK = open("tests/data/callbacks/Mutation.json", "rb").read()


def inquiry_body() -> bytes:
    return json.dumps(
        {
            "amount_inquired": {"value": "0.01", "currency": "EUR"},
            "counterparty_alias": {
                "type": "EMAIL",
                "value": "sugardaddy@bunq.com",
                "name": "Sugar Daddy",
            },
            "description": "bench",
            "allow_bunqme": False,
        }
    ).encode()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measured(n: int, work: Callable[[], None]) -> Dict[str, Any]:
    work()  # warm up
    cpu = cpu_seconds()
    start = time.perf_counter()
    for _ in range(n):
        work()
    return {
        "n": n,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": cpu_seconds() - cpu,
    }


def in_threads(threads: int, n: int, work: Callable[[], None]) -> Dict[str, Any]:
    """`threads` threads making `n` calls each, started together."""
    work()
    barrier = threading.Barrier(threads + 1)
    failures: List[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            for _ in range(n):
                work()
        except BaseException as error:  # reported to the driver below
            failures.append(error)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    cpu = cpu_seconds()
    start = time.perf_counter()
    barrier.wait()
    for worker in workers:
        worker.join()
    if failures:
        raise failures[0]
    return {
        "n": threads * n,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": cpu_seconds() - cpu,
    }


class SocketCounter:
    """Counts TCP connections and name lookups made through Python's socket module (what
    requests/urllib3 use): the SDK has no counters of its own."""

    def __init__(self) -> None:
        self.connections = 0
        self.lookups = 0
        lookup, connect = socket.getaddrinfo, socket.socket.connect
        counter = self

        def counting_getaddrinfo(*args: Any, **kwargs: Any) -> Any:
            counter.lookups += 1
            return lookup(*args, **kwargs)

        def counting_connect(self: socket.socket, address: Any) -> Any:
            counter.connections += 1
            return connect(self, address)

        socket.getaddrinfo = counting_getaddrinfo  # type: ignore[assignment]
        socket.socket.connect = counting_connect  # type: ignore[method-assign]

    def stats(self) -> Dict[str, int]:
        return {"connections": self.connections, "lookups": self.lookups}


class Binding:
    """The Python binding (bunq_context over libbunq)."""

    def __init__(self) -> None:
        import bunq_context

        self.bunq = bunq_context
        self.key = bunq_context.KeyPair.generate()
        self.signature = self.key.sign(PAYMENT)

    def options(self, base_url: str, ca_pem: str = "") -> Dict[str, Any]:
        options: Dict[str, Any] = {"base_url": base_url, "proxy": "none", "rate_limits": False}
        if base_url.startswith("https:"):
            options["tls"] = {"ca_pem": ca_pem}
        return options

    def setup(
        self, base_url: str, api_key: str, relays: Dict[str, str], ca_pem: str
    ) -> Dict[str, Any]:
        self.base_url = base_url
        self.client = self.bunq.Client.create(
            api_key=api_key, permitted_ips=["*"], **self.options(base_url)
        )
        # One client per relay, each with its own kept-alive connection.
        self.relayed = {
            name: self.bunq.Client.from_json(self.client.to_json(), **self.options(url, ca_pem))
            for name, url in relays.items()
        }
        self.user_id = self.client.user_id()
        accounts = self.client.get(f"user/{self.user_id}/monetary-account").json()
        self.account_id = next(iter(accounts["Response"][0].values()))["id"]
        return {"user_id": self.user_id}

    def keygen(self) -> None:
        self.bunq.KeyPair.generate()

    def sign(self) -> None:
        self.key.sign(PAYMENT)

    def verify(self) -> None:
        self.key.verify(PAYMENT, self.signature)

    def create_context(self, api_key: str) -> None:
        self.bunq.Client.create(
            api_key=api_key, permitted_ips=["*"], **self.options(self.base_url)
        ).close()

    def get(self) -> None:
        self.client.get(f"user/{self.user_id}").body

    def post(self) -> None:
        path = f"user/{self.user_id}/monetary-account/{self.account_id}/request-inquiry"
        self.client.post(path, body=inquiry_body()).body

    def get_json(self) -> None:
        self.client.get(f"user/{self.user_id}").json()

    def get_by_name(self) -> None:
        self.client.call("User.get")

    def parse_callback(self) -> None:
        self.bunq.parse_callback(CALLBACK)

    def relayed_get(self, relay: str) -> None:
        self.relayed[relay].get(f"user/{self.user_id}").body

    def stats(self, relay: str = "") -> Dict[str, int]:
        stats = (self.relayed[relay] if relay else self.client).transport_stats()
        return {"connections": stats["connections_opened"], "lookups": stats["name_lookups"]}


class Sdk:
    """bunq's official Python SDK (bunq-sdk from PyPI, pycryptodomex and requests)."""

    def __init__(self) -> None:
        from bunq.sdk.context.api_context import ApiContext
        from bunq.sdk.context.api_environment_type import ApiEnvironmentType
        from bunq.sdk.http.api_client import ApiClient
        from bunq.sdk.security import security

        from bunq.sdk.context.bunq_context import BunqContext
        from bunq.sdk.json import converter
        from bunq.sdk.model.generated import endpoint, object_

        self.ApiContext, self.ApiClient = ApiContext, ApiClient
        self.BunqContext, self.converter = BunqContext, converter
        self.endpoint, self.object_ = endpoint, object_
        self.sandbox = ApiEnvironmentType.SANDBOX
        self.security = security
        self.counter = SocketCounter()
        self.key = security.generate_rsa_private_key()
        self.signature = security.sign_request(self.key, PAYMENT)
        self.headers = {"X-Bunq-Server-Signature": self.signature.decode()}

    def point_at(self, base_url: str) -> None:
        # The SDK only knows bunq's hosts; its SANDBOX URL lives in _uri_base.
        self.sandbox._uri_base = base_url

    def setup(
        self, base_url: str, api_key: str, relays: Dict[str, str], ca_pem: str
    ) -> Dict[str, Any]:
        # HTTPS relays present a throw-away certificate; requests trusts it through
        # REQUESTS_CA_BUNDLE, which benches/compare.rs sets for this worker.
        self.base_url, self.relays = base_url, relays
        self.point_at(base_url)
        context = self.ApiContext.create(self.sandbox, api_key, "bench", ["*"])
        self.client = self.ApiClient(context)
        # The SDK's typed endpoints (its layer above the channel) use the loaded context.
        self.BunqContext.load_api_context(context)
        user = json.loads(self.client.get("user", {}, {}).body_bytes)["Response"][0]
        self.user_id = next(iter(user.values()))["id"]
        accounts = json.loads(
            self.client.get(f"user/{self.user_id}/monetary-account", {}, {}).body_bytes
        )
        self.account_id = next(iter(accounts["Response"][0].values()))["id"]
        return {"user_id": self.user_id}

    def keygen(self) -> None:
        self.security.generate_rsa_private_key()

    def sign(self) -> None:
        self.security.sign_request(self.key, PAYMENT)

    def verify(self) -> None:
        assert self.security.is_valid_response_body(self.key.publickey(), PAYMENT, self.headers)

    def create_context(self, api_key: str) -> None:
        self.ApiContext.create(self.sandbox, api_key, "bench", ["*"])

    def get(self) -> None:
        self.client.get(f"user/{self.user_id}", {}, {})

    def post(self) -> None:
        path = f"user/{self.user_id}/monetary-account/{self.account_id}/request-inquiry"
        self.client.post(path, inquiry_body(), {})

    def get_json(self) -> None:
        json.loads(self.client.get(f"user/{self.user_id}", {}, {}).body_bytes)

    def get_by_name(self) -> None:
        # The SDK's equivalent of a call by name: its generated, typed endpoint.
        self.endpoint.UserApiObject.get()

    def parse_callback(self) -> None:
        body = json.loads(CALLBACK)["NotificationUrl"]
        self.converter.json_to_class(self.object_.NotificationUrlObject, json.dumps(body))

    def relayed_get(self, relay: str) -> None:
        self.point_at(self.relays[relay])
        try:
            self.client.get(f"user/{self.user_id}", {}, {})
        finally:
            self.point_at(self.base_url)

    def stats(self, relay: str = "") -> Dict[str, int]:
        return self.counter.stats()


def calls(side: Any, n: int, work: Callable[[], None], relay: str = "") -> Dict[str, Any]:
    work()  # warm up: the connection is open before the counts start
    before = side.stats(relay)
    result = measured(n, work)
    after = side.stats(relay)
    result.update({name: after[name] - before[name] for name in after})
    return result


def run(side: Any, command: Dict[str, Any]) -> Dict[str, Any]:
    op, n = command["op"], command.get("n", 1)
    if op == "setup":
        return side.setup(
            command["base_url"], command["api_key"], command["relays"], command["ca_pem"]
        )
    if op in ("keygen", "sign", "verify"):
        return measured(n, getattr(side, op))
    if op == "create_context":
        keys = iter(command["api_keys"])
        start_cpu, start = cpu_seconds(), time.perf_counter()
        for _ in range(n):
            side.create_context(next(keys))
        return {
            "n": n,
            "seconds": time.perf_counter() - start,
            "cpu_seconds": cpu_seconds() - start_cpu,
        }
    if op in ("get", "post", "get_json", "get_by_name"):
        return calls(side, n, getattr(side, op))
    if op == "layers":
        return {}  # measured on the Rust side alone (no network): nothing to add here
    if op == "parse_callback":
        return measured(n, side.parse_callback)
    if op == "relayed_get":
        relay = command["relay"]
        return calls(side, n, lambda: side.relayed_get(relay), relay=relay)
    if op == "threads":
        side.get()
        before = side.stats()
        result = in_threads(command["threads"], n, side.get)
        after = side.stats()
        result.update({name: after[name] - before[name] for name in after})
        return result
    raise ValueError(f"unknown op {op!r}")


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("binding", "sdk"):
        print(__doc__, file=sys.stderr)
        return 2
    side = Binding() if sys.argv[1] == "binding" else Sdk()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            answer = run(side, json.loads(line))
        except Exception as error:  # the driver prints it and stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
