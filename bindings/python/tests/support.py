"""What the tests share besides fixtures: the fake bunq server, the test clients'
configuration, where the repository is."""

from __future__ import annotations

import json
import os
import select
import ssl
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

#: Client options of every test client: no proxy from the environment, no client-side rate
#: limiting (the fake server enforces none unless asked to), a patient timeout.
TEST_OPTIONS: Dict[str, Any] = {
    "proxy": "none",
    "rate_limits": False,
    "timeout_ms": 30000,
    "user_agent": "bunq-context Python binding tests",
}


def cargo_target_debug() -> Path:
    """The debug build directory: $CARGO_TARGET_DIR/debug or <repo>/target/debug."""
    return Path(os.environ.get("CARGO_TARGET_DIR") or REPO_ROOT / "target") / "debug"


class FakeServer:
    """A running `fake-bunq` process. With ``--tls`` it serves HTTPS, and ``ca_file`` is
    the file holding its throw-away CA's certificate, which a client must trust."""

    def __init__(self, *arguments: str) -> None:
        binary = Path(os.environ.get("BUNQ_FAKE_BUNQ") or cargo_target_debug() / "fake-bunq")
        if not binary.is_file():
            pytest.fail(
                f"no fake bunq server at {binary}: run `cargo build -p fake-bunq --bin "
                "fake-bunq` (or set BUNQ_FAKE_BUNQ)"
            )
        self._process = subprocess.Popen(
            [str(binary), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.url = self._line()
        if not self.url.startswith(("http://", "https://")):
            self.close()
            pytest.fail(f"the fake bunq server printed no URL (got {self.url!r})")
        self.ca_file: Optional[str] = None
        if self.url.startswith("https://"):
            # Written together with the URL, so already read into the pipe's buffer: no
            # select() (which sees only the operating system's side of the pipe).
            assert self._process.stdout is not None
            named = self._process.stdout.readline().decode().strip()
            if not named.startswith("CA certificate: "):
                self.close()
                pytest.fail(f"the HTTPS fake bunq server named no CA file (got {named!r})")
            self.ca_file = named[len("CA certificate: ") :]

    def _line(self) -> str:
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], 30)
        return self._process.stdout.readline().decode().strip() if ready else ""

    def stats(self) -> Dict[str, int]:
        """How many calls the server has had, by route: {"POST session-server": N, ...}."""
        calls: Dict[str, int] = self._fake_stats()["calls"]
        return calls

    def connections(self) -> int:
        """How many connections the server has accepted."""
        count: int = self._fake_stats()["connections"]
        return count

    def _fake_stats(self) -> Dict[str, Any]:
        handlers: list = [urllib.request.ProxyHandler({})]
        if self.ca_file is not None:
            context = ssl.create_default_context(cafile=self.ca_file)
            handlers.append(urllib.request.HTTPSHandler(context=context))
        opener = urllib.request.build_opener(*handlers)
        with opener.open(self.url + "_fake/stats", timeout=30) as answer:
            stats: Dict[str, Any] = json.load(answer)
        return stats

    def close(self) -> None:
        """Closes the server's stdin (its signal to stop), and kills it if it lingers."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()


def client_config(url: str, key: str) -> Dict[str, Any]:
    """The configuration of a new test client of the server at `url`."""
    return dict(
        base_url=url,
        api_key=key,
        description="bunq-context Python binding tests",
        permitted_ips=["*"],
        **TEST_OPTIONS,
    )
