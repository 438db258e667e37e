"""libbunq through ctypes: finding and loading it, checking its ABI version, declaring every
function's signature (generated from ``bunq.h`` into ``_abi.py``), and the marshalling
rules of ``bunq.h``.

Nothing here knows the bunq protocol. Inputs become NUL-terminated UTF-8; owned outputs come
back as ``c_void_p`` (never ``c_char_p``, which would copy the text and lose the pointer,
leaking it), are copied into Python objects and released by the library at once; a failed
call becomes the exception its last error describes.
"""

from __future__ import annotations

import ctypes
import importlib.machinery
import os
import sys
import threading
from contextlib import contextmanager
from ctypes import c_char_p, c_size_t, c_uint32, c_void_p
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, TypeVar, Union

# The declarations generated from bunq.h; the handle and callback types are used through
# this module by the rest of the package (re-exported as `X as X`, which type checkers read
# as an explicit export).
from ._abi import ABI_VERSION as ABI_VERSION
from ._abi import SIGNATURES, SONAME
from ._abi import ClientPointer as ClientPointer
from ._abi import EventCallback as EventCallback
from ._abi import PagesPointer as PagesPointer
from ._abi import ResponsePointer as ResponsePointer
from .exceptions import (
    BunqException,
    InvalidInputException,
    InvalidUtf8Exception,
    LibraryLoadError,
    NullArgumentException,
    Status,
    exception_class,
)

#: The environment variable naming the library file (or the directory holding it).
LIBRARY_PATH_VARIABLE = "BUNQ_LIBRARY_PATH"


def _library_file_name() -> str:
    if sys.platform == "darwin":
        return "libbunq.dylib"
    if sys.platform == "win32":
        return "bunq.dll"
    return "libbunq.so"


LIBRARY_FILE_NAME = _library_file_name()


_LOADER_SEARCH = "the dynamic loader's search (LD_LIBRARY_PATH, ldconfig's directories)"


def bundled_library_names() -> List[str]:
    """The names the package's own copy of libbunq may have: the wheel's build tool names it
    like an extension module (``libbunq.abi3.so``, or with this interpreter's suffix)."""
    return ["libbunq" + suffix for suffix in importlib.machinery.EXTENSION_SUFFIXES]


def _candidate_paths() -> List[Tuple[str, str]]:
    """Where to look for libbunq, in order, each with why it is a candidate.

    ``BUNQ_LIBRARY_PATH``, when set, is the only candidate: a library asked for by name that
    cannot be loaded is an error, not a reason to load another one.
    """
    explicit = os.environ.get(LIBRARY_PATH_VARIABLE)
    if explicit:
        path = Path(explicit)
        if path.is_dir():
            path = path / LIBRARY_FILE_NAME
        return [(str(path), LIBRARY_PATH_VARIABLE)]
    package = Path(__file__).parent
    candidates = [
        (str(package / name), "bundled in the package") for name in bundled_library_names()
    ]
    if sys.platform.startswith("linux"):
        candidates.append((SONAME, _LOADER_SEARCH))
        for directory in ("/usr/local/lib", "/usr/lib"):
            candidates.append((os.path.join(directory, SONAME), "well-known path"))
    else:
        candidates.append((LIBRARY_FILE_NAME, _LOADER_SEARCH))
    return candidates


def _load_library() -> Tuple[ctypes.CDLL, str]:
    """Loads the first libbunq that can be found, checks its ABI version and declares every
    function's signature; gives the library and where it came from."""
    tried = []
    for path, why in _candidate_paths():
        # A bare name is for the dynamic loader to resolve, not a path to check.
        if why != _LOADER_SEARCH and not os.path.exists(path):
            if why != "bundled in the package":  # one line for the package's names, below
                tried.append(f"{path} ({why}): no such file")
            continue
        try:
            library = ctypes.CDLL(path)
        except OSError as error:
            tried.append(f"{path} ({why}): {error}")
            continue
        _check_abi_version(library, path)
        _declare_signatures(library)
        return library, path
    if not os.environ.get(LIBRARY_PATH_VARIABLE):
        package = Path(__file__).parent
        tried.insert(0, f"{package}/libbunq*.so (bundled in the package): none there")
    raise LibraryLoadError(
        "bunq_context cannot find libbunq. Tried:\n  - "
        + "\n  - ".join(tried)
        + "\nInstall the package from a wheel or with `pip install ./bindings/python` (both "
        f"bundle the library), or set {LIBRARY_PATH_VARIABLE} to a libbunq's path."
    )


def _check_abi_version(library: ctypes.CDLL, path: str) -> None:
    """Refuses a library whose ABI is not the one these signatures describe: calling it
    would corrupt memory instead of failing."""
    try:
        abi_version = library.bunq_abi_version
    except AttributeError:
        raise LibraryLoadError(
            f"{path} is not libbunq: it has no bunq_abi_version function"
        ) from None
    abi_version.argtypes = ()
    abi_version.restype = c_uint32
    found = abi_version()
    if found != ABI_VERSION:
        raise LibraryLoadError(
            f"{path} has ABI version {found} ({_library_version(library)}), but this "
            f"bunq_context binding needs ABI version {ABI_VERSION}: install the matching "
            f"libbunq, or point {LIBRARY_PATH_VARIABLE} at it"
        )


def _library_version(library: ctypes.CDLL) -> str:
    try:
        version = library.bunq_version
    except AttributeError:
        return "no bunq_version"
    version.argtypes = ()
    version.restype = c_char_p
    return "version " + (version() or b"?").decode("utf-8", "replace")


def _declare_signatures(library: ctypes.CDLL) -> None:
    for name, result, arguments in SIGNATURES:
        function = getattr(library, name)
        function.restype = result
        function.argtypes = arguments


lib, loaded_from = _load_library()


# ---- Marshalling in -------------------------------------------------------------------


def optional_text(value: Optional[Union[str, os.PathLike[str]]], name: str) -> Optional[bytes]:
    """A string argument as NUL-terminated UTF-8 (None stays NULL).

    A NUL inside would silently cut the string short in C, so it is refused here.
    """
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidInputException(
            f"{name} contains a NUL character", status=Status.ERROR_INVALID_INPUT
        )
    return _utf8(value, name)


def required_text(value: Union[str, os.PathLike[str]], name: str) -> bytes:
    """Like :func:`optional_text`, for an argument that must not be None."""
    encoded = optional_text(value, name)
    if encoded is None:
        raise NullArgumentException(f"{name} is required", status=Status.ERROR_NULL_ARGUMENT)
    return encoded


def binary(value: Union[bytes, bytearray, memoryview, str], name: str) -> bytes:
    """Binary data: bytes as given, text as its UTF-8 encoding."""
    if isinstance(value, str):
        return _utf8(value, name)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{name} must be bytes or str, not {type(value).__name__}")


def _utf8(value: str, name: str) -> bytes:
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form
        raise InvalidUtf8Exception(
            f"{name} cannot be encoded as UTF-8", status=Status.ERROR_INVALID_UTF8
        ) from None


# ---- Marshalling out ------------------------------------------------------------------


def take_string(pointer: Union[c_void_p, int, None]) -> Optional[str]:
    """Copies an owned ``char *`` into a str and releases it; NULL gives None."""
    address = pointer.value if isinstance(pointer, c_void_p) else pointer
    if not address:
        return None
    try:
        return ctypes.string_at(address).decode("utf-8")
    finally:
        lib.bunq_string_free(address)


def take_bytes(pointer: c_void_p, length: c_size_t) -> bytes:
    """Copies an owned ``uint8_t *`` buffer of ``length`` bytes and releases it."""
    if not pointer.value:
        return b""
    try:
        return ctypes.string_at(pointer.value, length.value)
    finally:
        lib.bunq_bytes_free(pointer.value)


# ---- Failures -------------------------------------------------------------------------


def check(status: int) -> None:
    """Raises the exception the calling thread's last error describes, unless ``status``
    is ``BUNQ_OK``. Must run right after the call, on the same thread: the next call to
    the library clears the last error."""
    if status != Status.OK:
        raise last_error(status)


def last_error(status: int) -> BunqException:
    """The calling thread's last error as an exception."""
    try:
        kind = Status(status)
    except ValueError:
        kind = Status.ERROR_PANIC
    response_code = lib.bunq_last_error_http_status()
    descriptions = [
        take_string(lib.bunq_last_error_description(index)) or ""
        for index in range(lib.bunq_last_error_description_count())
    ]
    message = take_string(lib.bunq_last_error_message()) or status_name(status)
    return exception_class(kind, response_code)(
        message,
        status=kind,
        response_code=response_code,
        descriptions=descriptions,
        response_id=take_string(lib.bunq_last_error_response_id()),
        step=take_string(lib.bunq_last_error_step()),
    )


def status_name(status: int) -> str:
    """The name of a status code, e.g. ``"BUNQ_ERROR_API"``."""
    name: bytes = lib.bunq_status_name(status)
    return name.decode("ascii")


# ---- Handles --------------------------------------------------------------------------


class Handle:
    """An owned pointer to a library object, released exactly once and never while a call
    is using it (the library allows concurrent calls on a handle, but not a release racing
    with them)."""

    def __init__(self, pointer: Any, release: Callable[[Any], None], kind: str) -> None:
        self._pointer: Any = pointer
        self._release = release
        self._kind = kind
        #: The calls using the handle, per (process id, thread): after ``os.fork()`` the
        #: calls the parent's other threads were making are not waited for in the child.
        self._users: Dict[Tuple[int, int], int] = {}
        #: The pointer a close() made during a call of its own thread left to release.
        self._release_later: Any = None
        self._condition = threading.Condition()

    @property
    def closed(self) -> bool:
        """Whether the handle has been released."""
        return self._pointer is None

    def _users_here(self) -> int:
        """The calls of this process using the handle (with the condition held)."""
        process = os.getpid()
        return sum(count for (owner, _), count in self._users.items() if owner == process)

    @contextmanager
    def borrow(self) -> Iterator[Any]:
        """The pointer, kept alive until the ``with`` block ends."""
        user = (os.getpid(), threading.get_ident())
        with self._condition:
            if self._pointer is None:
                raise InvalidInputException(
                    f"this {self._kind} is closed", status=Status.ERROR_INVALID_INPUT
                )
            self._users[user] = self._users.get(user, 0) + 1
            pointer = self._pointer
        try:
            yield pointer
        finally:
            with self._condition:
                self._users[user] -= 1
                if not self._users[user]:
                    del self._users[user]
                release_now = None
                if not self._users_here():
                    self._condition.notify_all()
                    release_now, self._release_later = self._release_later, None
            if release_now is not None:
                self._release(release_now)

    def close(self) -> None:
        """Releases the object once no call uses it any more; later calls do nothing.

        Called on a thread that is itself inside a call on this handle (a logging handler
        of that call), it cannot wait for that call: it returns at once, new calls are
        refused, and the object is released when the last call using it ends."""
        with self._condition:
            pointer, self._pointer = self._pointer, None
            if pointer is not None and (os.getpid(), threading.get_ident()) in self._users:
                self._release_later = pointer
                return
            while self._users_here():
                self._condition.wait()
        if pointer is not None:
            self._release(pointer)


_Owner = TypeVar("_Owner", bound="OwnsHandle")


class OwnsHandle:
    """Base of the classes that own a library handle (:class:`Client`, :class:`Pages`,
    :class:`Response`): released by :meth:`close`, at the end of a ``with`` block, or when
    garbage-collected; after that their calls raise :class:`InvalidInputException`."""

    _handle: Handle

    @property
    def closed(self) -> bool:
        """Whether the handle has been released."""
        return self._handle.closed

    def close(self) -> None:
        """Releases the handle, after any call still running on it in another thread."""
        self._handle.close()

    def __enter__(self: _Owner) -> _Owner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter exit the module may be half torn down: nothing left to do then.
        handle = getattr(self, "_handle", None)
        if handle is not None and Handle is not None:
            handle.close()
