"""Loading libbunq: every function of include/bunq.h declared with the ctypes signature
generated for it, the ABI version checked (a mismatched library is refused), and the places
the library is looked for."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from support import REPO_ROOT

import bunq_context
from bunq_context import _native


def test_every_generated_signature_is_declared_on_the_loaded_library() -> None:
    # _abi.py is generated from bunq.h (codegen/tests/bindings_are_current.rs keeps it
    # current): every function it lists is declared with its types when the library loads.
    assert len(_native.SIGNATURES) >= 70
    for name, result, arguments in _native.SIGNATURES:
        function = getattr(_native.lib, name)
        assert tuple(function.argtypes) == arguments, name
        assert function.restype == result, name
    # The calls by name and the callbacks (declared, wrapped by later work) are there too.
    names = {name for name, _, _ in _native.SIGNATURES}
    assert {"bunq_client_call", "bunq_callback_parse", "bunq_operations_list"} <= names


def test_the_new_functions_can_be_called_through_the_declarations() -> None:
    out = ctypes.c_void_p()
    _native.check(_native.lib.bunq_operations_list(ctypes.byref(out)))
    operations = json.loads(_native.take_string(out) or "[]")
    assert any(operation["name"] == "Payment.create" for operation in operations)


def test_the_abi_and_library_versions() -> None:
    header = (REPO_ROOT / "include" / "bunq.h").read_text(encoding="utf-8")
    assert f"#define BUNQ_ABI_VERSION {bunq_context.ABI_VERSION}\n" in header
    assert _native.lib.bunq_abi_version() == bunq_context.ABI_VERSION
    cargo_toml = (REPO_ROOT / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', cargo_toml, re.M)
    assert match is not None
    assert bunq_context.library_version() == match.group(1)
    assert Path(bunq_context.library_path()).name.startswith("libbunq")


def test_the_package_is_typed() -> None:
    assert (Path(bunq_context.__file__).parent / "py.typed").is_file()


# ---- Loading in a fresh interpreter -------------------------------------------------------


def import_in_subprocess(
    library_path: Optional[Path], python_path: Optional[Path] = None
) -> subprocess.CompletedProcess[str]:
    """Imports bunq_context in a new interpreter and prints where libbunq came from."""
    environment = dict(os.environ)
    environment.pop("BUNQ_LIBRARY_PATH", None)
    if library_path is not None:
        environment["BUNQ_LIBRARY_PATH"] = str(library_path)
    if python_path is not None:
        environment["PYTHONPATH"] = str(python_path)
    return subprocess.run(
        [sys.executable, "-c", "import bunq_context; print(bunq_context.library_path())"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def compile_stub(directory: Path, source: str) -> Path:
    """A shared library built with gcc from `source`, named libbunq.so."""
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.fail("gcc is needed to build the stub library (apt-get install -y gcc)")
    (directory / "stub.c").write_text(source)
    library = directory / "libbunq.so"
    subprocess.run(
        [gcc, "-shared", "-fPIC", "-o", str(library), str(directory / "stub.c")], check=True
    )
    return library


def test_a_library_with_another_abi_version_is_refused(tmp_path: Path) -> None:
    stub = compile_stub(
        tmp_path,
        "#include <stdint.h>\n"
        "uint32_t bunq_abi_version(void) { return 999; }\n"
        'const char *bunq_version(void) { return "9.9.9-stub"; }\n',
    )
    for pointed_at in (stub, tmp_path):  # the file, or the directory holding it
        result = import_in_subprocess(pointed_at)
        assert result.returncode != 0
        assert "LibraryLoadError" in result.stderr
        assert str(stub) in result.stderr
        assert "ABI version 999" in result.stderr
        assert "9.9.9-stub" in result.stderr
        assert f"needs ABI version {bunq_context.ABI_VERSION}" in result.stderr


def test_a_library_that_is_not_libbunq_is_refused(tmp_path: Path) -> None:
    stub = compile_stub(tmp_path, "int something_else(void) { return 0; }\n")
    result = import_in_subprocess(stub)
    assert result.returncode != 0
    assert "LibraryLoadError" in result.stderr and "no bunq_abi_version" in result.stderr


def test_a_missing_library_is_a_clear_import_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "libbunq.so"
    result = import_in_subprocess(missing)
    assert result.returncode != 0
    assert "LibraryLoadError" in result.stderr
    assert str(missing) in result.stderr and "BUNQ_LIBRARY_PATH" in result.stderr
    assert issubclass(bunq_context.LibraryLoadError, ImportError)


def test_a_library_bundled_in_the_package_is_found(tmp_path: Path) -> None:
    # A copy of the package elsewhere, with the library under the name the wheel gives it.
    package = tmp_path / "bunq_context"
    shutil.copytree(
        Path(bunq_context.__file__).parent, package, ignore=shutil.ignore_patterns("libbunq*")
    )
    shutil.copy(bunq_context.library_path(), package / "libbunq.abi3.so")
    result = import_in_subprocess(None, python_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(package / "libbunq.abi3.so")
