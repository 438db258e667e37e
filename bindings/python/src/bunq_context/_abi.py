# Generated from include/bunq.h and bindings/bindings.toml by `cargo run -p bunq-codegen -- bindings`; do not edit.
"""What include/bunq.h declares, for ctypes: the ABI version, the status codes, the
handle and callback types, every function's signature, and the exception class of each
status (by name: bunq_context.exceptions defines the classes).

Marshalling, from bunq.h's conventions: borrowed strings and buffers are ``c_char_p``;
owned results are ``c_void_p`` (copied, then released by the library: ``c_char_p`` would
copy the text and lose the pointer); each handle is a pointer to its own opaque type, so
that ctypes refuses one kind where another is expected.
"""

from __future__ import annotations

from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_bool,
    c_char_p,
    c_int,
    c_size_t,
    c_uint16,
    c_uint32,
    c_uint64,
    c_void_p,
)
from enum import IntEnum
from typing import Any, Dict, Tuple

#: ``BUNQ_ABI_VERSION``: the ``bunq_abi_version()`` this binding was generated for.
ABI_VERSION = 1

#: The library's SONAME on Linux: only a library of this ABI has it.
SONAME = "libbunq.so.1"


class Status(IntEnum):
    """The ``bunq_status`` codes of bunq.h, same numbers: what a call did: `BUNQ_OK`, or the kind
    of failure. The numbers are part of the ABI and never change meaning; details of a failure
    are in the `bunq_last_error_*` accessors."""

    #: Success: the out-parameters are written.
    OK = 0
    #: bunq answered with an error status (4xx/5xx other than 429): see the HTTP status,
    #: descriptions and response id of the last error.
    ERROR_API = 1
    #: bunq answered 429 Too Many Requests after the configured retries (HTTP status 429
    #: in the last error), or the call's time budget (the retry policy's total wait) ran out
    #: first: a wait for the client's rate limiter or for another thread's session renewal
    #: would have gone past it (HTTP status 0).
    ERROR_RATE_LIMITED = 2
    #: The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer.
    ERROR_TRANSPORT = 3
    #: A connect or read timeout passed before bunq answered.
    ERROR_TIMEOUT = 4
    #: A signature was wrong or missing (bunq's answer, or `bunq_public_key_verify`).
    ERROR_SIGNATURE = 5
    #: JSON that was not JSON, or lacked an expected field (an argument, a saved context,
    #: an answer).
    ERROR_JSON = 6
    #: Reading or writing a file failed.
    ERROR_IO = 7
    #: An argument was unusable: a bad PEM, URL or method, an empty API key, ...
    ERROR_INVALID_INPUT = 8
    #: A required pointer argument was NULL.
    ERROR_NULL_ARGUMENT = 9
    #: A string argument was not valid UTF-8 (or an answer asked for as text was not).
    ERROR_INVALID_UTF8 = 10
    #: A bug in the library: a panic was caught at the boundary. Please report it.
    ERROR_PANIC = 11

    @property
    def c_name(self) -> str:
        """The constant's name in ``bunq.h``, e.g. ``"BUNQ_ERROR_API"``."""
        return "BUNQ_" + self.name


class _Client(Structure):
    """``bunq_client``: A client: an API context (installation, device, session) and how it talks
    to bunq."""


ClientPointer = POINTER(_Client)


class _Pages(Structure):
    """``bunq_pages``: A walk through the pages of a list endpoint, following
    `Pagination.older_url` from the newest page to the oldest."""


PagesPointer = POINTER(_Pages)


class _Response(Structure):
    """``bunq_response``: A verified 2xx answer: status, headers and body."""


ResponsePointer = POINTER(_Response)


class _SigningKey(Structure):
    """``bunq_signing_key``: A private key parsed once, for as long as the caller needs it
    (`bunq_key_pair_sign` keeps only the last 8 keys it parsed)."""


SigningKeyPointer = POINTER(_SigningKey)

#: ``bunq_event_callback``: Receives one event: `event_json` is a JSON object (see
#: `bunq_client_set_event_callback`), borrowed, valid until the callback returns; `user_data` is
#: the pointer given with the callback.
EventCallback = CFUNCTYPE(None, c_char_p, c_void_p)

#: Every function of bunq.h: name, result type, argument types.
SIGNATURES: Tuple[Tuple[str, Any, Tuple[Any, ...]], ...] = (
    (
        "bunq_public_attachment_upload",
        c_int,
        (ClientPointer, c_char_p, c_char_p, c_char_p, c_size_t, POINTER(c_void_p)),
    ),
    (
        "bunq_public_attachment_download",
        c_int,
        (ClientPointer, c_char_p, POINTER(c_void_p), POINTER(c_size_t)),
    ),
    (
        "bunq_account_attachment_upload",
        c_int,
        (ClientPointer, c_uint64, c_char_p, c_char_p, c_char_p, c_size_t, POINTER(c_uint64)),
    ),
    (
        "bunq_account_attachment_download",
        c_int,
        (ClientPointer, c_uint64, c_uint64, POINTER(c_void_p), POINTER(c_size_t)),
    ),
    ("bunq_callback_parse", c_int, (c_char_p, c_size_t, POINTER(c_void_p))),
    ("bunq_callback_sender_is_bunq", c_int, (c_char_p, c_char_p, POINTER(c_bool))),
    ("bunq_client_confirm_callback", c_int, (ClientPointer, c_char_p, POINTER(c_void_p))),
    ("bunq_notification_filters_list", c_int, (ClientPointer, c_uint64, POINTER(c_void_p))),
    ("bunq_notification_filters_replace", c_int, (ClientPointer, c_uint64, c_char_p)),
    (
        "bunq_notification_filter_add",
        c_int,
        (ClientPointer, c_uint64, c_char_p, c_char_p, POINTER(c_void_p)),
    ),
    (
        "bunq_notification_filter_remove",
        c_int,
        (ClientPointer, c_uint64, c_char_p, c_char_p, POINTER(c_void_p)),
    ),
    ("bunq_notification_filters_clear", c_int, (ClientPointer, c_uint64)),
    ("bunq_callback_failures_list", c_int, (ClientPointer, POINTER(c_void_p))),
    ("bunq_callback_failures_retry", c_int, (ClientPointer, c_char_p)),
    ("bunq_operations_list", c_int, (POINTER(c_void_p),)),
    (
        "bunq_client_call",
        c_int,
        (ClientPointer, c_char_p, c_char_p, c_char_p, c_char_p, POINTER(c_void_p)),
    ),
    (
        "bunq_client_call_bytes",
        c_int,
        (ClientPointer, c_char_p, c_char_p, c_char_p, POINTER(c_void_p), POINTER(c_size_t)),
    ),
    ("bunq_client_create", c_int, (c_char_p, POINTER(ClientPointer))),
    ("bunq_client_restore", c_int, (c_char_p, c_char_p, POINTER(ClientPointer))),
    ("bunq_client_from_json", c_int, (c_char_p, c_char_p, POINTER(ClientPointer))),
    ("bunq_client_to_json", c_int, (ClientPointer, POINTER(c_void_p))),
    ("bunq_client_save", c_int, (ClientPointer, c_char_p)),
    ("bunq_client_last_save_error", c_int, (ClientPointer, POINTER(c_void_p))),
    ("bunq_client_user_id", c_int, (ClientPointer, POINTER(c_uint64))),
    ("bunq_client_user", c_int, (ClientPointer, POINTER(c_void_p))),
    ("bunq_client_transport_stats", c_int, (ClientPointer, POINTER(c_void_p))),
    ("bunq_client_free", None, (ClientPointer,)),
    ("bunq_client_set_event_callback", c_int, (ClientPointer, EventCallback, c_void_p)),
    (
        "bunq_client_create_with_events",
        c_int,
        (c_char_p, EventCallback, c_void_p, POINTER(ClientPointer)),
    ),
    ("bunq_key_pair_generate", c_int, (POINTER(c_void_p), POINTER(c_void_p))),
    ("bunq_key_pair_public_key", c_int, (c_char_p, POINTER(c_void_p))),
    ("bunq_key_pair_sign", c_int, (c_char_p, c_char_p, c_size_t, POINTER(c_void_p))),
    ("bunq_public_key_verify", c_int, (c_char_p, c_char_p, c_size_t, c_char_p)),
    ("bunq_signing_key_new", c_int, (c_char_p, POINTER(SigningKeyPointer))),
    ("bunq_signing_key_sign", c_int, (SigningKeyPointer, c_char_p, c_size_t, POINTER(c_void_p))),
    ("bunq_signing_key_free", None, (SigningKeyPointer,)),
    ("bunq_last_error_status", c_int, ()),
    ("bunq_last_error_message", c_void_p, ()),
    ("bunq_last_error_http_status", c_uint16, ()),
    ("bunq_last_error_description_count", c_size_t, ()),
    ("bunq_last_error_description", c_void_p, (c_size_t,)),
    ("bunq_last_error_response_id", c_void_p, ()),
    ("bunq_last_error_step", c_void_p, ()),
    ("bunq_string_free", None, (c_void_p,)),
    ("bunq_bytes_free", None, (c_void_p,)),
    ("bunq_oauth_authorization_url", c_int, (c_char_p, c_char_p, POINTER(c_void_p))),
    ("bunq_oauth_code_exchange", c_int, (c_char_p, c_char_p, POINTER(c_void_p))),
    ("bunq_pages_new", c_int, (ClientPointer, c_char_p, c_char_p, POINTER(PagesPointer))),
    (
        "bunq_pages_new_call",
        c_int,
        (ClientPointer, c_char_p, c_char_p, c_char_p, POINTER(PagesPointer)),
    ),
    ("bunq_pages_next_objects", c_int, (PagesPointer, POINTER(c_void_p))),
    ("bunq_pages_next", c_int, (PagesPointer, POINTER(ResponsePointer))),
    ("bunq_pages_future_url", c_int, (PagesPointer, POINTER(c_void_p))),
    ("bunq_pages_free", None, (PagesPointer,)),
    (
        "bunq_psd2_client_create",
        c_int,
        (c_char_p, c_char_p, c_char_p, c_char_p, POINTER(ClientPointer)),
    ),
    (
        "bunq_psd2_client_create_with_events",
        c_int,
        (c_char_p, c_char_p, c_char_p, c_char_p, EventCallback, c_void_p, POINTER(ClientPointer)),
    ),
    (
        "bunq_client_request",
        c_int,
        (
            ClientPointer,
            c_char_p,
            c_char_p,
            c_char_p,
            c_char_p,
            c_size_t,
            c_char_p,
            POINTER(ResponsePointer),
        ),
    ),
    ("bunq_response_status", c_int, (ResponsePointer, POINTER(c_uint16))),
    ("bunq_response_header", c_int, (ResponsePointer, c_char_p, POINTER(c_void_p))),
    ("bunq_response_response_id", c_int, (ResponsePointer, POINTER(c_void_p))),
    ("bunq_response_body", c_int, (ResponsePointer, POINTER(c_void_p), POINTER(c_size_t))),
    ("bunq_response_body_text", c_int, (ResponsePointer, POINTER(c_void_p))),
    ("bunq_response_created_id", c_int, (ResponsePointer, POINTER(c_uint64))),
    ("bunq_response_free", None, (ResponsePointer,)),
    ("bunq_sandbox_user_create", c_int, (c_char_p, c_char_p, POINTER(c_void_p))),
    (
        "bunq_sandbox_money_request",
        c_int,
        (ClientPointer, c_uint64, c_char_p, c_char_p, POINTER(c_uint64)),
    ),
    ("bunq_session_ensure", c_int, (ClientPointer, POINTER(c_bool))),
    ("bunq_session_reset", c_int, (ClientPointer,)),
    ("bunq_session_close", c_int, (ClientPointer,)),
    ("bunq_session_is_active", c_int, (ClientPointer, POINTER(c_bool))),
    ("bunq_version", c_char_p, ()),
    ("bunq_abi_version", c_uint32, ()),
    ("bunq_status_name", c_char_p, (c_int,)),
)

#: The exception class (of bunq_context.exceptions) for each failure status but bunq's
#: refusals.
EXCEPTION_BY_STATUS: Dict[Status, str] = {
    Status.ERROR_RATE_LIMITED: "TooManyRequestsException",
    Status.ERROR_TRANSPORT: "TransportException",
    Status.ERROR_TIMEOUT: "TimeoutException",
    Status.ERROR_SIGNATURE: "SignatureException",
    Status.ERROR_JSON: "JsonException",
    Status.ERROR_IO: "IoException",
    Status.ERROR_INVALID_INPUT: "InvalidInputException",
    Status.ERROR_NULL_ARGUMENT: "NullArgumentException",
    Status.ERROR_INVALID_UTF8: "InvalidUtf8Exception",
    Status.ERROR_PANIC: "PanicException",
}

#: bunq's refusals: the class follows the HTTP status, as in bunq's official SDKs.
API_ERROR_STATUS = Status.ERROR_API
API_EXCEPTION_BY_HTTP_STATUS: Dict[int, str] = {
    400: "BadRequestException",
    401: "UnauthorizedException",
    403: "ForbiddenException",
    404: "NotFoundException",
    405: "MethodNotAllowedException",
    429: "TooManyRequestsException",
    500: "PleaseContactBunqException",
}
API_EXCEPTION_OTHERWISE = "UnknownApiErrorException"
