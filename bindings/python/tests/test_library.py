"""Loading libbunq: every function of include/bunq.h declared with its exact ctypes
signature, the ABI version checked (a mismatched library is refused), and the places the
library is looked for."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest
from support import REPO_ROOT

import bunq_context
from bunq_context import _native

HEADER = REPO_ROOT / "include" / "bunq.h"

# How each C type of bunq.h must be declared: borrowed strings and buffers as c_char_p,
# owned ones as c_void_p (copied, then released by the library), handles as their own
# pointer types.
HANDLES = {
    "bunq_client": _native.ClientPointer,
    "bunq_response": _native.ResponsePointer,
    "bunq_pages": _native.PagesPointer,
    "bunq_signing_key": _native.SigningKeyPointer,
}
SCALARS = {
    "bunq_status": ctypes.c_int,
    "int": ctypes.c_int,
    "bool": ctypes.c_bool,
    "size_t": ctypes.c_size_t,
    "uint16_t": ctypes.c_uint16,
    "uint32_t": ctypes.c_uint32,
    "uint64_t": ctypes.c_uint64,
}


def expected_ctype(c_type: str, *, result: bool = False) -> Any:
    """The ctypes type a C type of bunq.h must be declared as."""
    c_type = " ".join(c_type.replace("*", " * ").split())
    const = c_type.startswith("const ")
    base = c_type.replace("const ", "").replace(" *", "").strip()
    stars = c_type.count("*")
    if base == "void" and stars == 0:
        return None
    if base == "void" and stars == 1:
        return ctypes.c_void_p  # user data, passed through untouched
    if base == "bunq_event_callback":
        return _native.EventCallback
    if base in HANDLES:
        handle = HANDLES[base]
        return handle if stars == 1 else ctypes.POINTER(handle)
    if base in ("char", "uint8_t"):
        if stars == 2:
            return ctypes.POINTER(ctypes.c_void_p)  # an owned out-parameter
        if const:
            return ctypes.c_char_p  # borrowed input, or a static result
        return ctypes.c_void_p  # owned: a result to free, or the argument of a free
    if stars == 0:
        return SCALARS[base]
    assert stars == 1 and not result, c_type
    return ctypes.POINTER(SCALARS[base])


def header_functions() -> Dict[str, Tuple[Any, Tuple[Any, ...]]]:
    """Every function bunq.h declares: name → (result type, argument types), as ctypes."""
    text = re.sub(r"/\*.*?\*/", "", HEADER.read_text(encoding="utf-8"), flags=re.S)
    # Preprocessor lines (the include guard, the C++ block's #ifdef/#endif and their
    # comments) declare nothing.
    text = re.sub(r"^#.*$", "", text, flags=re.M)
    functions = {}
    for match in re.finditer(r"([\w\s\*]+?)\b(bunq_\w+)\s*\(([^)]*)\)\s*;", text):
        result, name, parameters = match.groups()
        arguments: List[Any] = []
        if parameters.strip() != "void":
            for parameter in parameters.split(","):
                parameter_type = re.sub(r"\b\w+$", "", parameter.strip())
                arguments.append(expected_ctype(parameter_type))
        functions[name] = (expected_ctype(result.strip(), result=True), tuple(arguments))
    return functions


def test_the_header_is_parsed() -> None:
    functions = header_functions()
    assert len(functions) >= 49
    assert functions["bunq_client_free"] == (None, (_native.ClientPointer,))
    assert functions["bunq_string_free"] == (None, (ctypes.c_void_p,))


def test_every_header_function_is_declared() -> None:
    assert {name for name, _, _ in _native.SIGNATURES} == set(header_functions())


@pytest.mark.parametrize("name", sorted(header_functions()))
def test_each_function_has_its_exact_argtypes_and_restype(name: str) -> None:
    result, arguments = header_functions()[name]
    function = getattr(_native.lib, name)
    assert function.argtypes is not None, f"{name} has no argtypes"
    assert tuple(function.argtypes) == arguments
    assert function.restype == result


def test_the_abi_and_library_versions() -> None:
    assert bunq_context.ABI_VERSION == 1
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
        assert "needs ABI version 1" in result.stderr


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
