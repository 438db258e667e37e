"""No leaks: 10,000 iterations of signing, requests and errors keep the resident memory of
the process flat.

Every iteration signs a body and makes a call fail (a bad PEM); every fourth makes a signed
request to the fake server: one in eight of those is answered 200 (its body, status and
response id are read), the others 404 (an API error, whose message, descriptions and
response id are read). Successes are the rarer kind only to keep the run short: the fake
server takes ~50 ms to answer one, ~2 ms to answer a 404.

Owned strings, buffers and handles are released on every path, so after a warm-up of 1,000
iterations (allocator pools, caches, the client's connection) the resident set size may
grow by at most GROWTH_BOUND over the 10,000. Without leaks it grows by ~0.1 MiB; leaking
just the strings (not freeing them) makes it grow by ~5.5 MiB.
"""

from __future__ import annotations

import gc
import json
from typing import Callable

import pytest
from support import REPO_ROOT

from bunq_context import Client, InvalidInputException, NotFoundException, sign

WARM_UP = 1_000
ITERATIONS = 10_000
REQUEST_EVERY = 4
SUCCESS_EVERY = 32
GROWTH_BOUND = 2 * 1024 * 1024  # bytes: 2 MiB, some 20 times the growth seen without leaks

VECTORS = json.loads((REPO_ROOT / "tests" / "data" / "signing_vectors.json").read_text())
PRIVATE_KEY = VECTORS["private_key_pkcs8_pem"]


def resident_bytes() -> int:
    """This process's resident set size (VmRSS of /proc/self/status), after a collection."""
    gc.collect()
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def one_iteration(client: Client, user_id: int, index: int) -> None:
    body = b'{"amount":{"value":"0.01","currency":"EUR"},"n":%d}' % index
    assert sign(PRIVATE_KEY, body)
    with pytest.raises(InvalidInputException):
        sign("not a pem", body)
    if index % REQUEST_EVERY:
        return
    if index % SUCCESS_EVERY == 0:
        with client.get(f"user/{user_id}") as answer:
            assert answer.status == 200 and answer.response_id and answer.json()
    else:
        with pytest.raises(NotFoundException) as raised:
            client.get("user/999999")
        assert raised.value.descriptions and raised.value.response_id


def test_ten_thousand_calls_keep_resident_memory_flat(
    make_client: Callable[..., Client],
) -> None:
    client = make_client()
    user_id = client.user_id()
    for index in range(WARM_UP):
        one_iteration(client, user_id, index)
    before = resident_bytes()
    for index in range(ITERATIONS):
        one_iteration(client, user_id, index)
    after = resident_bytes()
    growth = after - before
    print(
        f"RSS after {WARM_UP} warm-up iterations: {before / 2**20:.1f} MiB; after "
        f"{ITERATIONS} more: {after / 2**20:.1f} MiB; growth {growth / 2**10:.0f} KiB "
        f"(bound {GROWTH_BOUND / 2**20:.0f} MiB)"
    )
    assert growth <= GROWTH_BOUND
