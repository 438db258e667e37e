"""What the tests share besides fixtures: the fake bunq server, the test clients'
configuration, where the repository is."""

from __future__ import annotations

import json
import os
import select
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict

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
    """A running `fake-bunq` process."""

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
        self.url = self._first_line()

    def _first_line(self) -> str:
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], 30)
        line = self._process.stdout.readline().decode().strip() if ready else ""
        if not line.startswith("http://"):
            self.close()
            pytest.fail(f"the fake bunq server printed no URL (got {line!r})")
        return line

    def stats(self) -> Dict[str, int]:
        """How many calls the server has had, by route: {"POST session-server": N, ...}."""
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(self.url + "_fake/stats", timeout=30) as answer:
            calls: Dict[str, int] = json.load(answer)["calls"]
        return calls

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
