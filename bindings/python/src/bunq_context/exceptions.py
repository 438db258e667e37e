"""The exceptions of bunq_context, named like the official bunq SDK's.

Every failure of the library is a :class:`BunqException`. bunq's refusals (an HTTP error
answer) are an :class:`ApiException`, subclassed by HTTP status exactly as in the official
SDK (``BadRequestException`` for 400, ``NotFoundException`` for 404, ...); the other
failures (a wrong signature, a network failure, bad input, ...) have a class each.

Each exception carries what the library reported:

- ``message`` (also ``str(exception)``): what went wrong, in the official SDKs' wording for
  bunq's refusals, response id included; never an API key, token or private key;
- ``status``: the library's :class:`Status` for the failed call;
- ``response_code``: the HTTP status of bunq's answer, or 0 when bunq did not answer;
- ``descriptions``: bunq's ``error_description`` texts (empty when none);
- ``response_id``: the ``X-Bunq-Client-Response-Id`` to quote to bunq support, or None;
- ``step``: the step of context creation that failed (``installation``,
  ``device-server``, ``session-server``, ``payment-service-provider-credential``), or None.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Dict, Optional, Sequence, Tuple, Type

from . import _abi
from ._abi import Status

__all__ = [
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


class BunqException(Exception):
    """Any failure reported by the bunq library; the base class of every exception here."""

    def __init__(
        self,
        message: str,
        *,
        status: Status,
        response_code: int = 0,
        descriptions: Sequence[str] = (),
        response_id: Optional[str] = None,
        step: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message: str = message
        self.status: Status = status
        self.response_code: int = response_code
        self.descriptions: Tuple[str, ...] = tuple(descriptions)
        self.response_id: Optional[str] = response_id
        self.step: Optional[str] = step

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Tuple[Callable[..., Any], Tuple[str]]:
        # The details are keyword-only: pickling (e.g. across multiprocessing) keeps them.
        rebuild = partial(
            type(self),
            status=self.status,
            response_code=self.response_code,
            descriptions=self.descriptions,
            response_id=self.response_id,
            step=self.step,
        )
        return rebuild, (self.message,)

    def __repr__(self) -> str:
        details = [repr(self.message), f"status={self.status.c_name}"]
        if self.response_code:
            details.append(f"response_code={self.response_code}")
        if self.response_id is not None:
            details.append(f"response_id={self.response_id!r}")
        if self.step is not None:
            details.append(f"step={self.step!r}")
        return f"{type(self).__name__}({', '.join(details)})"


class ApiException(BunqException):
    """bunq answered with an error status: see ``response_code``, ``descriptions`` and
    ``response_id``."""


class BadRequestException(ApiException):
    """bunq answered 400 Bad Request."""


class UnauthorizedException(ApiException):
    """bunq answered 401 Unauthorized (after the library's one session renewal)."""


class ForbiddenException(ApiException):
    """bunq answered 403 Forbidden."""


class NotFoundException(ApiException):
    """bunq answered 404 Not Found."""


class MethodNotAllowedException(ApiException):
    """bunq answered 405 Method Not Allowed."""


class TooManyRequestsException(ApiException):
    """bunq answered 429 Too Many Requests, after the configured retries."""


class PleaseContactBunqException(ApiException):
    """bunq answered 500 Internal Server Error."""


class UnknownApiErrorException(ApiException):
    """bunq answered with another error status."""


class SignatureException(BunqException):
    """A signature was wrong or missing: bunq's answer was refused, or a verification
    failed."""


class TransportException(BunqException):
    """The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer."""


class TimeoutException(TransportException):
    """A connect or read timeout passed before bunq answered."""


class JsonException(BunqException, ValueError):
    """JSON that was not JSON, or lacked or misspelt a field (a configuration, a saved
    context, an answer)."""


class IoException(BunqException):
    """Reading or writing a file failed."""


class InvalidInputException(BunqException, ValueError):
    """An argument was unusable: a bad PEM, URL or method, an empty API key, a closed
    handle, ..."""


class NullArgumentException(InvalidInputException):
    """A required argument was missing (None)."""


class InvalidUtf8Exception(InvalidInputException):
    """A text was not valid UTF-8 (an argument, or an answer asked for as text)."""


class PanicException(BunqException):
    """A bug in the library (a panic caught at its boundary): please report it."""


class LibraryLoadError(ImportError):
    """libbunq could not be loaded, or is not the version this binding was written for."""


# The tables generated from bunq.h and bindings/bindings.toml name the classes; a name this
# module lacks fails the import.
_API_EXCEPTIONS_BY_HTTP_STATUS: Dict[int, Type[BunqException]] = {
    code: globals()[name] for code, name in _abi.API_EXCEPTION_BY_HTTP_STATUS.items()
}
_API_EXCEPTION_OTHERWISE: Type[BunqException] = globals()[_abi.API_EXCEPTION_OTHERWISE]
_EXCEPTIONS_BY_STATUS: Dict[Status, Type[BunqException]] = {
    status: globals()[name] for status, name in _abi.EXCEPTION_BY_STATUS.items()
}


def exception_class(status: Status, response_code: int) -> Type[BunqException]:
    """The exception class for a failed call's status and HTTP status."""
    if status == _abi.API_ERROR_STATUS:
        return _API_EXCEPTIONS_BY_HTTP_STATUS.get(response_code, _API_EXCEPTION_OTHERWISE)
    return _EXCEPTIONS_BY_STATUS.get(status, BunqException)
