"""Every Python sample of the documentation works as written, read from the page itself:
the README's example (the ```python block under its "## Python" heading) and every ```python
block of docs/*.md run against the fake server, each in a scratch directory; a block marked
```python fragment is not a program and is compiled (syntax only)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import pytest
from support import REPO_ROOT

PAGES = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
README_HEADING = "## Python"


@dataclass
class Sample:
    """One ```python block: where it is, the level-2 heading above it, its source."""

    page: Path
    line: int
    heading: str
    fragment: bool
    source: str

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(REPO_ROOT)}:{self.line}"


def samples() -> List[Sample]:
    """Every ```python block of README.md and docs/*.md, in page order."""
    found = []
    for page in PAGES:
        heading, opened, info, lines = "", 0, "", []
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if opened:
                if line.startswith("```"):
                    if info in ("python", "python fragment"):
                        found.append(
                            Sample(page, opened, heading, info != "python", "\n".join(lines) + "\n")
                        )
                    opened, lines = 0, []
                else:
                    lines.append(line)
            elif line.startswith("```"):
                opened, info = number, line[3:].strip()
            elif line.startswith("## "):
                heading = line
    return found


def account_lines(stdout: str) -> List[str]:
    """The lines that name an account: `<kind> <id> ...`."""
    return [line for line in stdout.splitlines() if re.match(r"MonetaryAccount\w+ \d+ ", line)]


def every_kind(lines: List[str]) -> bool:
    """Whether the account lines name each kind the fake gives: 25 bank accounts, a savings
    and a joint account."""
    kinds = [line.split(" ", 1)[0] for line in lines]
    return (kinds.count("MonetaryAccountBank"), kinds.count("MonetaryAccountSavings"),
            kinds.count("MonetaryAccountJoint")) == (25, 1, 1)


def check_readme_example(stdout: str, directory: Path) -> None:
    """The README's example: one line per account of every kind (the fake gives 25 bank
    accounts, a savings and a joint account), and the context saved."""
    lines = stdout.splitlines()
    assert len(lines) == 27 and account_lines(stdout) == lines, stdout
    assert every_kind(lines), stdout
    assert '"session_context"' in (directory / "bunq.conf").read_text(encoding="utf-8")


def check_page_example(stdout: str, directory: Path) -> None:
    """docs/python.md's example: 27 accounts of every kind, then the 404 of a missing user."""
    lines = stdout.splitlines()
    assert len(lines) == 28 and account_lines(stdout) == lines[:27], stdout
    assert every_kind(lines[:27]), stdout
    assert lines[-1].startswith("NotFoundException 404 "), stdout
    assert (directory / "bunq.conf").is_file()


def check_calls_by_name(stdout: str, directory: Path) -> None:
    """docs/python.md's calls by name: the table, 27 accounts, the payment read back, both
    payments listed and walked, the typo refused with the closest names."""
    lines = stdout.splitlines()
    assert re.fullmatch(r"4\d\d operations, e\.g\. \w+\.\w+", lines[0]), stdout
    assert every_kind(account_lines(stdout)), stdout
    assert "paid -0.01" in lines and "2 payments" in lines, stdout
    assert any(line.endswith(" -0.01 by name") for line in lines), stdout
    assert "did you mean Payment.create, Payment.get, Payment.list?" in lines[-1], stdout


def check_webhook(stdout: str, directory: Path) -> None:
    """docs/python.md's receiver: the PAYMENT and MUTATION callbacks of one payment, each
    confirmed (bunq's copy printed)."""
    lines = sorted(stdout.splitlines())
    assert len(lines) == 2, stdout
    assert re.fullmatch(r"MUTATION MUTATION_CREATED Payment \d+ -0\.01", lines[0]), stdout
    assert re.fullmatch(r"PAYMENT PAYMENT_CREATED Payment \d+ -0\.01", lines[1]), stdout
    assert lines[0].split()[3] == lines[1].split()[3], "one payment"


#: What the output of some programs must show besides a clean exit: by page and by position
#: among the page's programs.
CHECKS: Dict[Tuple[str, int], Callable[[str, Path], None]] = {
    ("README.md", 0): check_readme_example,
    ("docs/python.md", 0): check_page_example,
    ("docs/python.md", 1): check_calls_by_name,
    ("docs/python.md", 2): check_webhook,
}


def without_proxies(environment: Dict[str, str]) -> Dict[str, str]:
    """The environment without proxy variables: the fake server is on loopback."""
    return {key: value for key, value in environment.items() if not key.lower().endswith("_proxy")}


def test_the_samples_are_where_users_find_them() -> None:
    found = samples()
    readme = [s for s in found if s.page.name == "README.md" and not s.fragment]
    assert [s.heading for s in readme] == [README_HEADING], [s.name for s in readme]
    assert any(s.page == REPO_ROOT / "docs" / "python.md" and not s.fragment for s in found)


@pytest.mark.parametrize("sample", samples(), ids=lambda sample: sample.name)
def test_every_sample_works_as_written(sample: Sample, fake_url: str) -> None:
    if sample.fragment:
        compile(sample.source, sample.name, "exec")
        return
    programs = [s for s in samples() if s.page == sample.page and not s.fragment]
    position = [s.line for s in programs].index(sample.line)
    with tempfile.TemporaryDirectory(prefix="bunq-python-docs-") as scratch:
        directory = Path(scratch)
        (directory / "example.py").write_text(sample.source, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "example.py"],
            cwd=directory,
            env={**without_proxies(dict(os.environ)), "BUNQ_BASE_URL": fake_url},
            capture_output=True,
            text=True,
            timeout=120,
        )
        output = f"{sample.name}:\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        assert result.returncode == 0, output
        assert result.stderr == "", output
        check = CHECKS.get((str(sample.page.relative_to(REPO_ROOT)), position))
        if check is not None:
            check(result.stdout, directory)
