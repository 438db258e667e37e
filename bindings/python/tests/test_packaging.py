"""The binding as pip installs it: a platform wheel that carries libbunq, installed into a
virtual environment outside the checkout, which imports and works with no environment
variable and no cargo (run_tests.sh builds the wheel, installs it into a fresh venv and runs
this suite there with cargo off the PATH). The dynamic loader's search asks for the
library's SONAME, so a library of another ABI is never picked up by mistake.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, Optional

import pytest
from support import REPO_ROOT

import bunq_context
from bunq_context import _native

#: The wheel run_tests.sh built and installed here.
WHEEL_VARIABLE = "BUNQ_WHEEL"

#: The repository's address in every package's metadata (a placeholder until published).
REPOSITORY = "https://github.com/bunq-context/bunq-context"

LICENCES = ("LICENSE-MIT", "LICENSE-APACHE")


def built_wheel() -> Path:
    configured = os.environ.get(WHEEL_VARIABLE)
    if not configured:
        pytest.fail(
            f"{WHEEL_VARIABLE} names no wheel: run bindings/python/run_tests.sh, which builds "
            "the wheel (pip wheel ./bindings/python) and installs it before running pytest"
        )
    return Path(configured)


def soname_of(library: Path) -> str:
    """The SONAME in a shared library's dynamic section, read with readelf (binutils)."""
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.fail("readelf is needed (Debian: apt-get install -y binutils)")
    output = subprocess.run(
        [readelf, "--dynamic", str(library)], check=True, capture_output=True, text=True
    ).stdout
    names = [line.split("[", 1)[1].rstrip("]") for line in output.splitlines() if "SONAME" in line]
    assert len(names) == 1, output
    return names[0]


def run_python(code: str, environment: Dict[str, str], python_path: Optional[Path] = None) -> str:
    """Runs `code` in a new interpreter of this venv with exactly `environment` (plus
    PYTHONPATH when given), from a directory outside the checkout; gives its output."""
    if python_path is not None:
        environment = {**environment, "PYTHONPATH": str(python_path)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_wheel_is_a_platform_wheel_carrying_the_library(tmp_path: Path) -> None:
    wheel = built_wheel()
    # name-version-python-abi-platform.whl: one wheel for every CPython >= 3.9 on this platform.
    name, version, python, abi, platform = wheel.name[: -len(".whl")].split("-")
    assert (name, python, abi) == ("bunq_context", "cp39", "abi3")
    assert version == bunq_context.library_version()
    assert platform.startswith("linux_") and platform != "any", wheel.name
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"bunq_context-{version}.dist-info/WHEEL").decode()
        archive.extract("bunq_context/libbunq.abi3.so", tmp_path)
    assert "Root-Is-Purelib: false" in metadata
    assert f"Tag: cp39-abi3-{platform}" in metadata
    libraries = [entry for entry in names if entry.endswith(".so")]
    assert libraries == ["bunq_context/libbunq.abi3.so"]
    assert _native.SONAME == f"libbunq.so.{_native.ABI_VERSION}"
    assert soname_of(tmp_path / "bunq_context" / "libbunq.abi3.so") == _native.SONAME


def test_the_suite_runs_against_the_installed_package_not_the_checkout() -> None:
    package = Path(bunq_context.__file__).resolve().parent
    assert REPO_ROOT not in package.parents, f"bunq_context was imported from {package}"
    assert "site-packages" in package.parts
    assert os.environ.get(_native.LIBRARY_PATH_VARIABLE) is None, "the wheel's copy is used"
    assert Path(bunq_context.library_path()) == package / "libbunq.abi3.so"


def test_the_installed_package_works_with_no_environment_and_no_cargo(fake_url: str) -> None:
    # Nothing but a PATH without cargo: no BUNQ_LIBRARY_PATH, no LD_LIBRARY_PATH.
    path = os.pathsep.join(
        directory
        for directory in os.environ.get("PATH", "").split(os.pathsep)
        if directory and not (Path(directory) / "cargo").exists()
    )
    assert shutil.which("cargo", path=path) is None
    output = run_python(
        "import bunq_context as b\n"
        "key = b.create_sandbox_user(base_url=%r, proxy='none')\n"
        "print(b.library_path())\n"
        "print(len(key) > 0)\n" % fake_url,
        {"PATH": path},
    )
    package = Path(bunq_context.__file__).resolve().parent
    assert output.splitlines() == [str(package / "libbunq.abi3.so"), "True"]


def compile_stub(directory: Path, file_name: str, soname: str, abi_version: int) -> Path:
    """A stand-in libbunq built with gcc, answering bunq_abi_version() with `abi_version`."""
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.fail("gcc is needed to build the stub library (apt-get install -y gcc)")
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / "stub.c"
    source.write_text(
        "#include <stdint.h>\n"
        f"uint32_t bunq_abi_version(void) {{ return {abi_version}; }}\n"
        'const char *bunq_version(void) { return "stub"; }\n'
    )
    library = directory / file_name
    subprocess.run(
        [gcc, "-shared", "-fPIC", f"-Wl,-soname,{soname}", "-o", str(library), str(source)],
        check=True,
    )
    return library


def package_without_its_library(directory: Path) -> Path:
    """A copy of the installed package minus its bundled library; gives the PYTHONPATH."""
    package = directory / "bunq_context"
    shutil.copytree(
        Path(bunq_context.__file__).parent, package, ignore=shutil.ignore_patterns("libbunq*")
    )
    return directory


def test_without_a_bundled_copy_the_loader_is_asked_for_the_soname(tmp_path: Path) -> None:
    python_path = package_without_its_library(tmp_path / "site")
    # Where `make install` would put it: the SONAME linked to the library.
    libraries = tmp_path / "lib"
    libraries.mkdir()
    (libraries / _native.SONAME).symlink_to(bunq_context.library_path())
    output = run_python(
        "import bunq_context; print(bunq_context.library_path())",
        {"LD_LIBRARY_PATH": str(libraries)},
        python_path,
    )
    assert output.strip() == _native.SONAME


def test_a_library_of_another_abi_is_never_found_by_name(tmp_path: Path) -> None:
    python_path = package_without_its_library(tmp_path / "site")
    # Another ABI's library, installed as make install would: libbunq.so.2 and libbunq.so.
    libraries = tmp_path / "lib"
    compile_stub(libraries, "libbunq.so.2", "libbunq.so.2", 2)
    (libraries / "libbunq.so").symlink_to("libbunq.so.2")
    result = subprocess.run(
        [sys.executable, "-c", "import bunq_context"],
        env={"LD_LIBRARY_PATH": str(libraries), "PYTHONPATH": str(python_path)},
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "LibraryLoadError" in result.stderr
    assert f"{_native.SONAME} (the dynamic loader's search" in result.stderr
    assert "cannot open shared object file" in result.stderr
    assert "libbunq.so.2" not in result.stderr, "the other ABI's library was not even opened"


def test_the_wheel_metadata_is_complete_and_current() -> None:
    metadata = importlib.metadata.metadata("bunq-context")
    assert metadata["Name"] == "bunq-context"
    assert metadata["Version"] == bunq_context.library_version()
    assert metadata["Requires-Python"] == ">=3.9"
    assert metadata["License-Expression"] == "MIT OR Apache-2.0"
    assert metadata["Author"] == "The bunq-context authors"
    assert "bunq" in metadata["Summary"]
    classifiers = metadata.get_all("Classifier") or []
    for classifier in (
        "Programming Language :: Python :: 3.9",
        "Operating System :: POSIX :: Linux",
        "Typing :: Typed",
    ):
        assert classifier in classifiers
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL") or [])
    assert set(urls) >= {"Homepage", "Repository", "Documentation", "Changelog", "Security"}
    assert all(url.startswith(REPOSITORY) for url in urls.values()), urls

    # The description is bindings/python/README.md as it is now, self-contained: links are
    # absolute, and it tells nobody to build with cargo and export BUNQ_LIBRARY_PATH.
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert isinstance(description, str)
    readme = (REPO_ROOT / "bindings" / "python" / "README.md").read_text()
    assert description.strip() == readme.strip()
    relative_links = re.findall(r"\]\((?!https?://)[^)]*\)", description)
    assert relative_links == []
    assert "export BUNQ_LIBRARY_PATH" not in description
    assert f"<{REPOSITORY}>" in description


def test_the_licence_texts_are_inside_the_wheel() -> None:
    wheel = built_wheel()
    version = bunq_context.library_version()
    with zipfile.ZipFile(wheel) as archive:
        for licence in LICENCES:
            entry = f"bunq_context-{version}.dist-info/licenses/{licence}"
            assert entry in archive.namelist(), archive.namelist()
            assert archive.read(entry) == (REPO_ROOT / licence).read_bytes(), licence
    metadata = importlib.metadata.metadata("bunq-context")
    assert (metadata.get_all("License-File") or []) == list(LICENCES)


def test_the_descriptions_example_runs_against_the_fake(fake_url: str, tmp_path: Path) -> None:
    description = importlib.metadata.metadata("bunq-context").get_payload()
    assert isinstance(description, str)
    match = re.search(r"^```python\n(.*?)^```$", description, re.MULTILINE | re.DOTALL)
    assert match, "no python example in the description"
    example = tmp_path / "example.py"
    example.write_text(match.group(1))
    environment = {
        key: value for key, value in os.environ.items() if "proxy" not in key.lower()
    }
    try:
        result = subprocess.run(
            [sys.executable, str(example)],
            env={**environment, "BUNQ_BASE_URL": fake_url},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr == ""
        lines = result.stdout.splitlines()
        # The fake gives every user 25 bank accounts, a savings and a joint account; then the
        # refused call.
        assert len(lines) == 28, result.stdout
        kinds = [line.split(" ", 1)[0] for line in lines[:27]]
        assert kinds.count("MonetaryAccountBank") == 25, lines
        assert kinds.count("MonetaryAccountSavings") == 1, lines
        assert kinds.count("MonetaryAccountJoint") == 1, lines
        assert lines[27].startswith("NotFoundException 404 "), lines[27]
    finally:
        (tmp_path / "bunq.conf").unlink(missing_ok=True)
        example.unlink()
