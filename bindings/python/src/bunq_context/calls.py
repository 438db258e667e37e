"""bunq's whole API by name: the operation table and the walk over every object of a list.

Every operation of bunq's API (about 480, from bunq's own API description) has a name made
the way bunq's SDKs name class and method: ``Payment.create``, ``Payment.get``,
``Payment.list``, ``MonetaryAccountBank.list``, ``User.get``, ... :func:`operations` lists
them; :meth:`Client.call <bunq_context.Client.call>` calls one by name,
:meth:`Client.call_bytes <bunq_context.Client.call_bytes>` one that answers bytes, and
:meth:`Client.walk <bunq_context.Client.walk>` walks a list lazily, page by page.

The table and every check (an unknown name, with the closest names in the message; a
missing, extra or malformed id; a body on an operation that takes none) live in libbunq:
a wrong call raises :class:`InvalidInputException` before anything is signed or sent.
"""

from __future__ import annotations

import ctypes
import json
from collections import deque
from typing import Any, Deque, Dict, Iterator, List, Mapping, Optional

from ._json import compact_json
from ._native import Handle, OwnsHandle, check, lib, take_string

__all__ = ["operations", "Walk"]


def operations() -> List[Dict[str, Any]]:
    """Every operation of bunq's API, in the library's table, as a list of dicts:
    ``{"name": "Payment.list", "method": "GET", "path":
    "user/{user_id}/monetary-account/{monetary_account_id}/payment", "object_key":
    "Payment", "answer": "list", "ids": ["user_id", "monetary_account_id"]}``.

    ``answer`` says what :meth:`Client.call <bunq_context.Client.call>` gives back:
    ``object`` (a dict), ``list`` (a list of dicts, every page), ``id`` (an int),
    ``uuid`` (a str), ``nothing`` (None), ``envelope`` (bunq's whole answer), or ``binary``
    (bytes, through :meth:`Client.call_bytes <bunq_context.Client.call_bytes>`). No call
    to bunq is made."""
    out = ctypes.c_void_p()
    check(lib.bunq_operations_list(ctypes.byref(out)))
    table: List[Dict[str, Any]] = json.loads(take_string(out) or "[]")
    return table


def ids_json(ids: Mapping[str, Any]) -> Optional[bytes]:
    """The path ids as the JSON object the library reads, or None when there are none
    (``user_id`` then defaults to the session's user). Their names and values are checked
    by the library."""
    return compact_json(dict(ids)) if ids else None


def body_json(body: Any) -> Optional[bytes]:
    """A call's body (a dict, usually) as compact JSON; None sends none."""
    return None if body is None else compact_json(body)


class Walk(OwnsHandle):
    """Every object of a list operation, across all its pages, newest first, fetched
    lazily: a page is asked for only when the objects before it have been used.

    Made by :meth:`Client.walk <bunq_context.Client.walk>`. Iterate over it for the objects
    themselves (dicts; for an anchor such as ``MonetaryAccount.list`` each is wrapped in its
    kind, ``{"MonetaryAccountBank": {...}}``), or over :meth:`pages` for one list per page.
    A failure raises and ends the walk. Holds a library handle (released by :meth:`close`,
    a ``with`` block or garbage collection) and keeps its client's context alive even if
    the client is closed first.
    """

    def __init__(self, pointer: Any, before_call: Any = None) -> None:
        """Takes ownership of a ``bunq_pages *`` made by ``bunq_pages_new_call``; use
        :meth:`Client.walk <bunq_context.Client.walk>` instead."""
        self._handle = Handle(pointer, lib.bunq_pages_free, "walk")
        self._before_call = before_call
        self._waiting: Deque[Any] = deque()
        self._over = False

    def next_page(self) -> Optional[List[Any]]:
        """The objects of the next (older) page, or None when the walk is over."""
        if self._over:
            return None
        if self._before_call is not None:
            self._before_call()
        out = ctypes.c_void_p()
        try:
            with self._handle.borrow() as pointer:
                check(lib.bunq_pages_next_objects(pointer, ctypes.byref(out)))
        except BaseException:
            self._over = True
            raise
        text = take_string(out)
        if text is None:
            self._over = True
            return None
        page: List[Any] = json.loads(text)
        return page

    def pages(self) -> Iterator[List[Any]]:
        """The walk page by page: one list of objects per page (the objects not yet taken
        by iterating over the walk itself come first, as one list)."""
        if self._waiting:
            waiting, self._waiting = list(self._waiting), deque()
            yield waiting
        while True:
            page = self.next_page()
            if page is None:
                return
            yield page

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        while not self._waiting:
            page = self.next_page()
            if page is None:
                raise StopIteration
            self._waiting.extend(page)
        return self._waiting.popleft()

    @property
    def future_url(self) -> Optional[str]:
        """The newest page's ``future_url`` (request it later with
        :meth:`Client.get <bunq_context.Client.get>` for items created since), or None
        before the first page or when bunq gave none."""
        out = ctypes.c_void_p()
        with self._handle.borrow() as pointer:
            check(lib.bunq_pages_future_url(pointer, ctypes.byref(out)))
        return take_string(out)

    def __repr__(self) -> str:
        return "<Walk (closed)>" if self.closed else "<Walk>"
