"""A verified 2xx answer from bunq."""

from __future__ import annotations

import ctypes
import json
from typing import Any, Optional

from ._native import Handle, OwnsHandle, check, lib, required_text, take_bytes, take_string


class Response(OwnsHandle):
    """bunq's answer to a request: status, headers and body, its signature verified.

    Made by :meth:`Client.request` and its shortcuts, and by walking :class:`Pages`.
    Holds a library handle: released by :meth:`close`, at the end of a ``with`` block, or
    when the object is garbage-collected.
    """

    def __init__(self, pointer: Any) -> None:
        """Takes ownership of a ``bunq_response *``. Not for direct use."""
        self._handle = Handle(pointer, lib.bunq_response_free, "response")
        self._status: Optional[int] = None
        self._body: Optional[bytes] = None
        self._text: Optional[str] = None

    @property
    def status(self) -> int:
        """The HTTP status code, e.g. 200."""
        if self._status is None:
            status = ctypes.c_uint16()
            with self._handle.borrow() as pointer:
                check(lib.bunq_response_status(pointer, ctypes.byref(status)))
            self._status = status.value
        return self._status

    @property
    def body(self) -> bytes:
        """The body, exactly as received and verified."""
        if self._body is None:
            content = ctypes.c_void_p()
            length = ctypes.c_size_t()
            with self._handle.borrow() as pointer:
                check(lib.bunq_response_body(pointer, ctypes.byref(content), ctypes.byref(length)))
            self._body = take_bytes(content, length)
        return self._body

    @property
    def text(self) -> str:
        """The body as text (bunq's JSON); :class:`InvalidUtf8Exception` when it is not
        UTF-8 (use :attr:`body` for attachments)."""
        if self._text is None:
            out = ctypes.c_void_p()
            with self._handle.borrow() as pointer:
                check(lib.bunq_response_body_text(pointer, ctypes.byref(out)))
            self._text = take_string(out) or ""
        return self._text

    def json(self) -> Any:
        """The body parsed as JSON, e.g. ``{"Response": [...], "Pagination": {...}}``."""
        return json.loads(self.text)

    @property
    def response_id(self) -> Optional[str]:
        """The ``X-Bunq-Client-Response-Id`` header (the id to quote to bunq support), or
        None when the answer had none."""
        out = ctypes.c_void_p()
        with self._handle.borrow() as pointer:
            check(lib.bunq_response_response_id(pointer, ctypes.byref(out)))
        return take_string(out)

    def header(self, name: str) -> Optional[str]:
        """The first value of header ``name`` (any case), or None when there is none."""
        out = ctypes.c_void_p()
        encoded = required_text(name, "name")
        with self._handle.borrow() as pointer:
            check(lib.bunq_response_header(pointer, encoded, ctypes.byref(out)))
        return take_string(out)

    @property
    def headers(self) -> Headers:
        """Header lookup by name, in any case: ``response.headers["Content-Type"]``."""
        return Headers(self)

    def created_id(self) -> int:
        """The id bunq gives in answer to a create (``POST``), e.g. a new payment's id;
        :class:`JsonException` when the body has none."""
        out = ctypes.c_uint64()
        with self._handle.borrow() as pointer:
            check(lib.bunq_response_created_id(pointer, ctypes.byref(out)))
        return out.value

    def __repr__(self) -> str:
        if self._handle.closed:
            return "<Response (closed)>"
        return f"<Response {self.status}>"


class Headers:
    """A read-only, case-insensitive view of a response's headers (first value of each)."""

    def __init__(self, response: Response) -> None:
        self._response = response

    def __getitem__(self, name: str) -> str:
        value = self._response.header(name)
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The header's first value, or ``default`` when the answer has no such header."""
        value = self._response.header(name)
        return default if value is None else value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._response.header(name) is not None
