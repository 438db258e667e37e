"""bunq_context: the bunq API from Python, through libbunq.

The bunq API context (installation, device, session), signed requests and verified answers,
sessions that renew themselves, rate limits, the sandbox, OAuth, PSD2 and attachments, every
operation of bunq's API by name (:func:`operations`, :meth:`Client.call`), callbacks
(:func:`parse_callback`, :func:`is_from_bunq`, :meth:`Client.confirm_callback`); all
of it done by libbunq, which the package carries (its wheel bundles the library), or finds
through ``BUNQ_LIBRARY_PATH`` or the system's library paths.

>>> from bunq_context import Client, create_sandbox_user
>>> api_key = create_sandbox_user()
>>> with Client.create(api_key=api_key, environment="SANDBOX") as client:
...     print(client.user())
"""

from ._native import ABI_VERSION, LIBRARY_PATH_VARIABLE
from ._native import lib as _lib
from ._native import loaded_from as _loaded_from
from .callbacks import MAX_CALLBACK_BYTES, Callback, is_from_bunq, parse_callback
from .calls import Walk, operations
from .client import Client, Pages
from .exceptions import (
    ApiException,
    BadRequestException,
    BunqException,
    ForbiddenException,
    InvalidInputException,
    InvalidUtf8Exception,
    IoException,
    JsonException,
    LibraryLoadError,
    MethodNotAllowedException,
    NotFoundException,
    NullArgumentException,
    PanicException,
    PleaseContactBunqException,
    SignatureException,
    Status,
    TimeoutException,
    TooManyRequestsException,
    TransportException,
    UnauthorizedException,
    UnknownApiErrorException,
)
from .keys import KeyPair, public_key_of, sign, verify
from .oauth import OAuth
from .response import Headers, Response
from .sandbox import create_sandbox_user

__all__ = [
    "ABI_VERSION",
    "LIBRARY_PATH_VARIABLE",
    "library_version",
    "library_path",
    "Client",
    "Pages",
    "Walk",
    "operations",
    "Callback",
    "parse_callback",
    "is_from_bunq",
    "MAX_CALLBACK_BYTES",
    "Response",
    "Headers",
    "KeyPair",
    "sign",
    "verify",
    "public_key_of",
    "OAuth",
    "create_sandbox_user",
    "Status",
    "BunqException",
    "ApiException",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "MethodNotAllowedException",
    "TooManyRequestsException",
    "PleaseContactBunqException",
    "UnknownApiErrorException",
    "SignatureException",
    "TransportException",
    "TimeoutException",
    "JsonException",
    "IoException",
    "InvalidInputException",
    "NullArgumentException",
    "InvalidUtf8Exception",
    "PanicException",
    "LibraryLoadError",
]

__version__ = "0.1.0"


def library_version() -> str:
    """The loaded libbunq's version, e.g. ``"0.1.0"``."""
    version: bytes = _lib.bunq_version()
    return version.decode("utf-8")


def library_path() -> str:
    """The file libbunq was loaded from."""
    return _loaded_from
