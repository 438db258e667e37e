"""The README's Python example works as written: the first ```python block of its "Using
from Python" section, run against the fake server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from support import REPO_ROOT

HEADING = "## Using from Python"


def readme_example() -> str:
    """The example as users read it."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^{HEADING}$", text, re.M), f"no {HEADING!r} section in README.md"
    section = text.split(HEADING + "\n", 1)[1]
    match = re.search(r"^```python\n(.*?)^```$", section, re.M | re.S)
    assert match is not None, f"no ```python block under {HEADING!r} in README.md"
    return match.group(1)


def test_the_readme_example_runs_as_written(fake_url: str, tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(readme_example(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "example.py"],
        cwd=tmp_path,
        env={**os.environ, "BUNQ_BASE_URL": fake_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 26, result.stdout  # 25 accounts, then the error
    assert lines[-1].startswith("NotFoundException 404 ")
    assert (tmp_path / "bunq.conf").is_file()
