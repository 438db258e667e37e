"""bunq's callbacks: parsing what bunq POSTs, checking where it came from.

bunq calls a URL of yours (registered with notification filters, see
:meth:`Client.add_notification_filter <bunq_context.Client.add_notification_filter>`)
when something happens on an account. **bunq does not sign callbacks**: nothing can prove
that a body came from bunq, and nothing here pretends to. So:

1. parse the body with :func:`parse_callback` (a body that is not a callback, or over
   1 MiB, raises :class:`InvalidInputException`);
2. optionally check the sender with :func:`is_from_bunq` (bunq's production range,
   185.40.108.0/22; the sandbox has no fixed range);
3. skip repeats by :attr:`Callback.deduplication_key` (bunq retries up to 5 times);
4. act only on :meth:`Client.confirm_callback <bunq_context.Client.confirm_callback>`:
   bunq's current version of the object, fetched through the signed, verified API.

All the logic is libbunq's (docs/callbacks.md); this module only marshals it.
"""

from __future__ import annotations

import ctypes
import json
from typing import Any, Dict, Optional, Sequence, Union

from ._native import binary, check, lib, optional_text, required_text, take_string

__all__ = ["Callback", "parse_callback", "is_from_bunq", "MAX_CALLBACK_BYTES"]

#: The largest body :func:`parse_callback` reads (1 MiB; bunq's callbacks weigh a few KiB).
#: A receiver can refuse a longer ``Content-Length`` before reading it.
MAX_CALLBACK_BYTES = 1024 * 1024


class Callback:
    """One callback as bunq sent it (unverified: see the module's documentation).

    - ``category``: bunq's category, e.g. ``"PAYMENT"``, ``"MUTATION"``, ``"REQUEST"``
      (one bunq adds later is kept as its text);
    - ``event_type``: e.g. ``"PAYMENT_CREATED"``, ``"MUTATION_RECEIVED"`` (open text);
    - ``object_type``: the type name around the object, e.g. ``"Payment"``;
    - ``object_id``: the object's ``id``, or None when it has none;
    - ``object``: the object itself, a dict, as bunq sent it;
    - ``target_url``: the URL bunq says it called, or None;
    - ``deduplication_key``: 64 hex digits, the same for every delivery of one event
      (bunq retries a failed delivery): keep the keys seen for a day and skip repeats.
    """

    __slots__ = (
        "category",
        "event_type",
        "object_type",
        "object_id",
        "object",
        "target_url",
        "deduplication_key",
        "_json",
    )

    def __init__(self, callback_json: str) -> None:
        """Reads the JSON text ``bunq_callback_parse`` gives; use :func:`parse_callback`
        instead."""
        parsed: Dict[str, Any] = json.loads(callback_json)
        self.category: str = parsed["category"]
        self.event_type: str = parsed.get("event_type") or ""
        self.object_type: str = parsed["object_type"]
        self.object_id: Optional[int] = parsed.get("object_id")
        self.object: Dict[str, Any] = parsed.get("object") or {}
        self.target_url: Optional[str] = parsed.get("target_url")
        self.deduplication_key: str = parsed["deduplication_key"]
        self._json = callback_json

    def to_json(self) -> str:
        """The callback as the library's JSON text (what
        :meth:`Client.confirm_callback <bunq_context.Client.confirm_callback>` sends it)."""
        return self._json

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Callback):
            return NotImplemented
        return self._json == other._json

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<Callback {self.category} {self.event_type} {self.object_type} "
            f"id={self.object_id}>"
        )


def parse_callback(body: Union[bytes, bytearray, memoryview, str]) -> Callback:
    """The :class:`Callback` in ``body``, the bytes bunq POSTed (text is read as UTF-8).

    A body over :data:`MAX_CALLBACK_BYTES`, not JSON, or not a callback raises
    :class:`InvalidInputException` with the reason; nothing is sent anywhere. Parsing proves
    nothing about who sent it: confirm before acting."""
    content = binary(body, "body")
    out = ctypes.c_void_p()
    check(lib.bunq_callback_parse(content, len(content), ctypes.byref(out)))
    return Callback(take_string(out) or "{}")


def is_from_bunq(address: str, ranges: Optional[Sequence[str]] = None) -> bool:
    """Whether ``address`` (IPv4 or IPv6, with or without a port: ``"185.40.108.7"``,
    ``"[::ffff:185.40.108.7]:443"``) is in bunq's published production range for callbacks,
    185.40.108.0/22, or, when given, in one of ``ranges`` (e.g. ``["185.40.108.0/22",
    "2001:db8::/32"]``, for when bunq announces a change).

    bunq's sandbox calls from changing cloud addresses: there is no range to check there.
    Behind a reverse proxy, pass the address your own proxy recorded, never one a client
    could set. An address or range that does not parse raises
    :class:`InvalidInputException`. An address check proves nothing about the body."""
    encoded_address = required_text(address, "address")
    if isinstance(ranges, str):
        raise TypeError("ranges must be a list of ranges such as ['185.40.108.0/22']")
    encoded_ranges = None if ranges is None else optional_text(json.dumps(list(ranges)), "ranges")
    out = ctypes.c_bool()
    check(lib.bunq_callback_sender_is_bunq(encoded_address, encoded_ranges, ctypes.byref(out)))
    return out.value
