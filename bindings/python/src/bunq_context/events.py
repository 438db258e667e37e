"""The library's events in Python's standard :mod:`logging`, logger ``bunq_context``.

libbunq reports each exchange with bunq (method, path, status, bunq's response id,
duration, attempt and why it was resent), each wait for the rate limiter or after a 429,
each session renewal or close and each save of the context (see docs/events.md).
Every client hands them to this module's one callback, which logs each as a record of the
``bunq_context`` logger: the message is the library's one-line text (``POST session-server
200 3.2 ms response-id=...``), the level its level (DEBUG for what goes as planned, INFO
for refusals, resends and renewals, WARNING for a failed save), and the whole event, as a
dict, is the record's ``bunq_event`` attribute. No event carries a body, a header value,
the API key, a token or a key.

The records are made on the thread whose call the event belongs to. A handler that raises
cannot break the call: the exception is reported by :mod:`logging` (or dropped) and never
reaches the library. A handler may call the client whose call it logs: the nested call
works, or raises :class:`InvalidInputException` at once when it cannot (one that needs the
session renewal in progress on this very thread, or the next page of the walk being
fetched; that walk's ``future_url`` works). ``client.close()`` from a handler returns at
once and releases the client when the logged call ends. None of them waits for its own
thread.

As a library should, the logger has a :class:`logging.NullHandler`: an application that
configures no logging sees nothing (without it, :mod:`logging` would print WARNING records,
such as a failed save, to stderr through its last-resort handler). Configure logging
(``logging.basicConfig(level=logging.INFO)``, or a handler on ``bunq_context``) to see them.

Nothing is paid for events nobody reads: a client hands its callback to the library only
while the ``bunq_context`` logger would emit something, that is while it is enabled for
WARNING at least (the most an event is) and a handler other than a
:class:`logging.NullHandler` listens on it or on a logger it propagates to. Without one, the
library makes no event at all (no JSON, no call into Python). Whether that holds is looked
at when each call of the client (or of a walk made from it) starts: configure logging
before the calls you want to see.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Optional

from ._native import EventCallback, Handle, check, lib
from .exceptions import BunqException

#: The logger that receives every event.
LOGGER_NAME = "bunq_context"

logger = logging.getLogger(LOGGER_NAME)
# Silent unless the application configures logging: no last-resort printing to stderr.
logger.addHandler(logging.NullHandler())

_LEVELS: Dict[str, int] = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}


def _log_event(event_json: Optional[bytes], _user_data: Any) -> None:
    # Runs inside a library call: nothing may escape (ctypes would only print it, but the
    # call must not depend on that).
    try:
        # WARNING is the most an event is: below that, nothing would be logged.
        if event_json is None or not logger.isEnabledFor(logging.WARNING):
            return
        event: Dict[str, Any] = json.loads(event_json.decode("utf-8"))
        level = _LEVELS.get(str(event.get("level")), logging.INFO)
        if logger.isEnabledFor(level):
            logger.log(level, "%s", event.get("message", ""), extra={"bunq_event": event})
    except Exception:  # noqa: BLE001 - a broken handler must not break the call
        pass


#: The one C callback of every client: module-level, so that it outlives every client and
#: every page walk made from one (the library may report events until the last is freed).
native_callback = EventCallback(_log_event)

#: A NULL callback: the library makes no events for a client that has it.
no_callback = EventCallback()


def wanted() -> bool:
    """Whether an event logged now could reach a handler: the ``bunq_context`` logger is
    enabled for WARNING (the most an event is) and a handler that is not a
    :class:`logging.NullHandler` is on it or on a logger it propagates to."""
    if not logger.isEnabledFor(logging.WARNING):
        return False
    current: Optional[logging.Logger] = logger
    while current is not None:
        for handler in current.handlers:
            if not isinstance(handler, logging.NullHandler):
                return True
        if not current.propagate:
            return False
        current = current.parent
    # Our NullHandler counts as a handler: logging's last resort never prints these.
    return False


def callback_if_wanted() -> Any:
    """The callback to give a client being made: :data:`native_callback` when
    :func:`wanted`, else :data:`no_callback`."""
    return native_callback if wanted() else no_callback


class EventSwitch:
    """Gives a client's events to :data:`native_callback` only while :func:`wanted`: called
    as each call on the client (or a walk made from it) starts, it registers or removes the
    callback when that changed. Cheap when nothing changed: a look at the logger."""

    def __init__(self, handle: Handle, registered: bool) -> None:
        self._handle = handle
        self.registered = registered

    def __call__(self) -> None:
        want = wanted()
        if want == self.registered:
            return
        try:
            with self._handle.borrow() as pointer:
                callback = native_callback if want else no_callback
                check(lib.bunq_client_set_event_callback(pointer, callback, None))
        except BunqException:
            return  # the client is closed: a walk made from it keeps what it had
        # Two threads racing here with opposite wishes (the logging configuration changed
        # in between) may leave the other state: the next call puts it right.
        self.registered = want
