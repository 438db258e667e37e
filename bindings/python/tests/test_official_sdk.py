"""A context file written by the binding is restored by bunq's official Python SDK
(bunq-sdk 1.28.0), which then makes signed calls with it through tests/interop/official_sdk.py.

The SDK lives in its own virtual environment (it pins urllib3 < 2): BUNQ_SDK_PYTHON names
its interpreter, else <repo>/.venv/bunq-sdk/bin/python. Without one this test fails; it is
never skipped."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from support import REPO_ROOT

from bunq_context import Client

SCRIPT = REPO_ROOT / "tests" / "interop" / "official_sdk.py"


def sdk_python() -> Path:
    configured = os.environ.get("BUNQ_SDK_PYTHON")
    python = Path(configured) if configured else REPO_ROOT / ".venv" / "bunq-sdk" / "bin" / "python"
    if not python.is_file():
        pytest.fail(
            f"no official bunq SDK interpreter at {python}: set BUNQ_SDK_PYTHON, or run "
            f"python3 -m venv {REPO_ROOT}/.venv/bunq-sdk && "
            f"{REPO_ROOT}/.venv/bunq-sdk/bin/pip install bunq-sdk==1.28.0"
        )
    return python


def test_the_official_sdk_restores_a_context_saved_by_the_binding(
    fake_url: str, make_client: Callable[..., Client], tmp_path: Path
) -> None:
    client = make_client()
    user_id = client.user_id()
    context_file = tmp_path / "bunq.conf"
    client.save(context_file)

    result = subprocess.run(
        [str(sdk_python()), str(SCRIPT), "call", fake_url, str(context_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["user_id"] == user_id
    assert answer["request_inquiry_id"] > 0
