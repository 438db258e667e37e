"""Fixtures of the binding's tests: the offline fake bunq server, sandbox users and
clients connected to it.

The fake server is `fake-bunq` from this repository (`cargo build -p fake-bunq --bin
fake-bunq`), found through BUNQ_FAKE_BUNQ or under the Cargo target directory. It prints its
base URL, then serves until its standard input closes, so a test run that dies takes it
down with it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, List

import pytest
from support import TEST_OPTIONS, FakeServer, client_config

from bunq_context import Client, create_sandbox_user


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A new, empty, owner-only directory of the test's own, removed with everything in it
    when the test ends, passed or failed. It replaces pytest's own, which keeps the
    directories of the last three runs: the tests save context files, private keys
    included, there."""
    directory = Path(tempfile.mkdtemp(prefix="bunq-python-test-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeServer]:
    """One fake bunq server for the whole run."""
    server = FakeServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def fake_url(fake_server: FakeServer) -> str:
    """The fake server's base URL, e.g. http://127.0.0.1:PORT/v1/."""
    return fake_server.url


@pytest.fixture
def api_key(fake_url: str) -> str:
    """The API key of a new sandbox user of the fake server."""
    return create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)


@pytest.fixture
def make_client(fake_url: str) -> Iterator[Callable[..., Client]]:
    """A factory of new clients (each a new sandbox user), closed after the test."""
    clients: List[Client] = []

    def make(**settings: Any) -> Client:
        key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
        client = Client.create(client_config(fake_url, key), **settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def shared_client(fake_url: str) -> Iterator[Client]:
    """One client for the tests that only need a working one."""
    key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
    with Client.create(client_config(fake_url, key)) as client:
        yield client
