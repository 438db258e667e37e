"""Logging handlers that call back into the client whose call they log: none of them may hang.
Either the nested call works, or it fails at once with a clear error.

Each case runs in a Python process of its own, given HANG_LIMIT seconds: a deadlock there
fails the test (the process is killed) instead of stopping the run or its clean-up."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any, Dict

import pytest
from support import TEST_OPTIONS, client_config

from bunq_context import create_sandbox_user

HANG_LIMIT = 30.0

#: Sets up a client of a new sandbox user (`client`) and `on_log(react)`, which installs a
#: handler on the ``bunq_context`` logger calling `react(record)`; the case's own code
#: follows and sets `result`, which is printed as JSON.
PRELUDE = """
import json, logging, sys
from bunq_context import Client, InvalidInputException

config = json.loads(sys.argv[1])
client = Client.create(config)

def on_log(react):
    class Reacting(logging.Handler):
        def emit(self, record):
            react(record)
    logger = logging.getLogger("bunq_context")
    logger.addHandler(Reacting())
    logger.setLevel(logging.DEBUG)
"""


def run_case(fake_url: str, code: str) -> Dict[str, Any]:
    """Runs PRELUDE and `code` in a new Python process; its `result`."""
    key = create_sandbox_user(base_url=fake_url, **TEST_OPTIONS)
    script = PRELUDE + textwrap.dedent(code) + "\nprint(json.dumps(result))\n"
    config = json.dumps(client_config(fake_url, key))
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, config],
            capture_output=True,
            text=True,
            timeout=HANG_LIMIT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the call hung: still running after {HANG_LIMIT} s (killed)")
    assert done.returncode == 0, f"the case failed:\n{done.stderr}"
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_handler_closing_the_client_whose_call_it_logs_does_not_hang(fake_url: str) -> None:
    result = run_case(
        fake_url,
        """
        closes = []

        def close_once(record):
            if not closes:
                try:
                    client.close()
                    closes.append(None)
                except Exception as error:
                    closes.append(f"{type(error).__name__}: {error}")

        on_log(close_once)
        with client.get("user") as answer:  # the call that logs
            status = answer.status
        try:
            client.get("user")
            after = "no error"
        except InvalidInputException as error:
            after = str(error)
        result = {"status": status, "closes": closes, "closed": client.closed, "after": after}
        """,
    )
    assert result["status"] == 200, "the call that logged finishes as it began"
    assert result["closes"] == [None], "close() inside the handler raised"
    assert result["closed"], "the client is closed once the call that logged ended"
    assert "closed" in result["after"]


def test_a_handler_reading_the_future_url_of_the_walk_it_logs_does_not_hang(
    fake_url: str,
) -> None:
    result = run_case(
        fake_url,
        """
        pages = client.pages(f"user/{client.user_id()}/monetary-account", {"count": 10})
        seen = []

        def read_future_url(record):
            if getattr(record, "bunq_event", {}).get("event") == "exchange":
                seen.append(pages.future_url)

        on_log(read_future_url)
        walked = [page.close() for page in pages]
        result = {"pages": len(walked), "seen": seen, "final": pages.future_url}
        """,
    )
    assert result["pages"] == 3  # 25 accounts, 10 a page
    seen = result["seen"]
    assert len(seen) == 3, "one page request each"
    assert seen[0] is None, "no URL before the first page arrived"
    assert seen[1] is not None and seen[1] == seen[2] == result["final"]
