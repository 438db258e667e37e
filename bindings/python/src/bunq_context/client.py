"""The client: an API context (installation, device, session) and how it talks to bunq."""

from __future__ import annotations

import ctypes
import json
import os
from decimal import Decimal
from typing import (
    Any,
    Callable,
    ContextManager,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Union,
)

from . import callbacks, calls, events
from ._json import Config, Pairs, compact_json, config_json, pairs_json, settings_documented
from ._native import (
    ClientPointer,
    Handle,
    OwnsHandle,
    PagesPointer,
    ResponsePointer,
    check,
    binary,
    lib,
    required_text,
    take_bytes,
    take_string,
)
from .response import Response

#: A file path: a str or a path-like object such as :class:`pathlib.Path`.
PathLike = Union[str, "os.PathLike[str]"]

#: A request body: bytes as they are, or text sent as UTF-8.
Body = Union[bytes, bytearray, memoryview, str]


class Client(OwnsHandle):
    """A bunq API context and the client that signs calls with it.

    Make one with :meth:`create` (registers a new context: three calls to bunq),
    :meth:`create_psd2`, :meth:`restore` (from a saved file) or :meth:`from_json`. It opens
    and renews sessions by itself, signs every request and verifies every answer.

    A client may be shared by several threads. It holds a library handle: release it with
    :meth:`close` or a ``with`` block (it is also released when garbage-collected).

    It may also be used in a process forked from the one that made it (gunicorn
    ``--preload``, :mod:`multiprocessing` with ``fork``): the child's first call opens
    connections of its own and never touches its parent's, and a session renewal another
    thread of the parent was making does not block it. Do not fork from inside a logging
    handler of a call. See ``docs/threads-and-processes.md``.

    Settings (``api_key``, ``environment``, ``base_url``, ``description``,
    ``permitted_ips``, ``timeout_ms``, ``proxy``, ``rate_limits``, ``retry``, ``save_to``,
    ...) are given as keywords, a mapping, or JSON text; :meth:`create` and :meth:`restore`
    list them all. The library checks them: an unknown name or a value of the wrong type is a
    :class:`JsonException` naming the setting (and the closest valid name).

    Every exchange with bunq, wait, session renewal and save is logged to the
    ``bunq_context`` logger of :mod:`logging` (see :mod:`bunq_context.events`).
    """

    def __init__(self, pointer: Any, events_registered: bool = False) -> None:
        """Takes ownership of a ``bunq_client *``; use the class methods instead.
        ``events_registered``: whether the library already has this client's event
        callback (given to the creation)."""
        self._handle = Handle(pointer, lib.bunq_client_free, "client")
        self._events = events.EventSwitch(self._handle, events_registered)
        self._events()

    def _borrow(self) -> ContextManager[Any]:
        """The client's pointer for one call, its event callback registered first if the
        ``bunq_context`` logger now wants events (or removed if it no longer does)."""
        self._events()
        return self._handle.borrow()

    # ---- Making a client ----------------------------------------------------------------

    @classmethod
    @settings_documented("context", "client")
    def create(cls, config: Config = None, **settings: Any) -> Client:
        """Registers a new API context with bunq (installation, device, session).

        ``Client.create(api_key=key, environment="SANDBOX", permitted_ips=["*"])``; every
        setting is listed below. A failure names the step that failed in the exception's
        ``step``.

        ``permitted_ips`` lists the addresses the API key may be used from (default: the
        address this call comes from). Do not give ``["*"]`` for a production key: anyone
        who obtains the key could use it from any machine; ``*`` is meant for the sandbox.

        Each of the three calls may take up to ``timeout_ms`` (default 60000: 60 s), of
        which ``connect_timeout_ms`` (default 10000: 10 s) to connect; a server that never
        answers fails the creation with :class:`TimeoutException` after about a minute. Each
        exchange is logged to the ``bunq_context`` logger as it ends, as for every call
        (see :mod:`bunq_context.events`).
        """
        out = ClientPointer()
        callback = events.callback_if_wanted()
        check(
            lib.bunq_client_create_with_events(
                _config_or_empty(config, settings),
                callback,
                None,
                ctypes.byref(out),
            )
        )
        return cls(out, events_registered=bool(callback))

    @classmethod
    @settings_documented("context", "client")
    def create_psd2(
        cls,
        certificate_pem: str,
        certificate_chain_pem: str,
        certificate_private_key_pem: str,
        config: Config = None,
        **settings: Any,
    ) -> Client:
        """Registers a new API context as a PSD2 provider with its QSEAL certificate
        (installation, certificate, device, session); ``config`` as for :meth:`create`,
        without ``api_key`` (the same time limits apply, and the exchanges are logged as
        they end). For a self-signed test certificate the chain is the certificate
        itself."""
        out = ClientPointer()
        callback = events.callback_if_wanted()
        check(
            lib.bunq_psd2_client_create_with_events(
                _config_or_empty(config, settings),
                required_text(certificate_pem, "certificate_pem"),
                required_text(certificate_chain_pem, "certificate_chain_pem"),
                required_text(certificate_private_key_pem, "certificate_private_key_pem"),
                callback,
                None,
                ctypes.byref(out),
            )
        )
        return cls(out, events_registered=bool(callback))

    @classmethod
    @settings_documented("client")
    def restore(cls, path: PathLike, options: Config = None, **settings: Any) -> Client:
        """Restores a context file saved by this library or an official bunq SDK (no call
        to bunq). Session renewals are saved back to ``path`` unless ``save_to`` says
        otherwise. ``options``: the client options (``base_url``, ``timeout_ms``,
        ``proxy``, ``rate_limits``, ...), listed below."""
        out = ClientPointer()
        check(
            lib.bunq_client_restore(
                required_text(path, "path"),
                config_json(options, settings, "options"),
                ctypes.byref(out),
            )
        )
        return cls(out)

    @classmethod
    @settings_documented("client")
    def from_json(cls, context_json: str, options: Config = None, **settings: Any) -> Client:
        """Restores a context from the JSON text :meth:`to_json` gives (no call to bunq).
        Nothing is auto-saved unless the options name ``save_to``."""
        out = ClientPointer()
        check(
            lib.bunq_client_from_json(
                required_text(context_json, "context_json"),
                config_json(options, settings, "options"),
                ctypes.byref(out),
            )
        )
        return cls(out)

    # ---- Saving ---------------------------------------------------------------------------

    def save(self, path: PathLike) -> None:
        """Saves the current context to ``path`` atomically, readable by its owner only, in
        the official Python SDK's format (it holds secrets: keep it safe)."""
        encoded = required_text(path, "path")
        with self._borrow() as pointer:
            check(lib.bunq_client_save(pointer, encoded))

    def to_json(self) -> str:
        """The current context as JSON text in the official Python SDK's format. It holds
        the API key, tokens and the private key: store it as the secret it is."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_client_to_json(pointer, ctypes.byref(out)))
        return take_string(out) or ""

    @property
    def last_save_error(self) -> Optional[str]:
        """Why the auto-save (``save_to``, or the restored file) failed after the latest
        session change, or None when it worked. Such a failure never fails the call that
        renewed the session; each session change replaces the value."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_client_last_save_error(pointer, ctypes.byref(out)))
        return take_string(out)

    # ---- The session user ---------------------------------------------------------------

    def user_id(self) -> int:
        """The session user's id (opens a session first if there is none)."""
        out = ctypes.c_uint64()
        with self._borrow() as pointer:
            check(lib.bunq_client_user_id(pointer, ctypes.byref(out)))
        return out.value

    def user(self) -> Dict[str, Any]:
        """The session user, wrapped in its type name as bunq sends it:
        ``{"UserPerson": {...}}`` (or ``UserCompany``, ``UserApiKey``,
        ``UserPaymentServiceProvider``)."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_client_user(pointer, ctypes.byref(out)))
        user: Dict[str, Any] = json.loads(take_string(out) or "null")
        return user

    def transport_stats(self) -> Dict[str, Any]:
        """What this client's connections have cost so far: ``requests_sent``,
        ``connections_opened``, ``tls_handshakes``, ``name_lookups``, and ``last_tls``
        (``host``, ``version``, ``cipher_suite``, ``server_key_pin_sha256``; ``None``
        before the first TLS handshake)."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_client_transport_stats(pointer, ctypes.byref(out)))
        stats: Dict[str, Any] = json.loads(take_string(out) or "null")
        return stats

    # ---- Requests -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Pairs = None,
        body: Optional[Body] = None,
        json: Any = None,
        headers: Pairs = None,
    ) -> Response:
        """Sends a signed request to any bunq endpoint and gives its verified answer.

        ``method``: GET, POST, PUT or DELETE. ``path``: relative to the base URL
        (``"user/1/monetary-account"``) or a pagination URL. ``query``: ``{"count": 200}``
        or ``[("count", 200)]``. ``body``: bytes sent exactly as given (text as UTF-8), or
        ``json``: a value sent as compact JSON. ``headers``: extra headers, e.g.
        ``{"Content-Type": "application/json"}``.

        Only 2xx answers succeed; bunq's refusals raise an :class:`ApiException` subclass.
        """
        if body is not None and json is not None:
            raise TypeError("give body or json, not both")
        content = compact_json(json) if json is not None else binary(body or b"", "body")
        encoded_method = required_text(method, "method")
        encoded_path = required_text(path, "path")
        encoded_query = pairs_json(query, "query")
        encoded_headers = pairs_json(headers, "headers")
        out = ResponsePointer()
        with self._borrow() as pointer:
            check(
                lib.bunq_client_request(
                    pointer,
                    encoded_method,
                    encoded_path,
                    encoded_query,
                    content,
                    len(content),
                    encoded_headers,
                    ctypes.byref(out),
                )
            )
        return Response(out)

    def get(self, path: str, *, query: Pairs = None, headers: Pairs = None) -> Response:
        """``GET path``: see :meth:`request`."""
        return self.request("GET", path, query=query, headers=headers)

    def post(
        self,
        path: str,
        *,
        body: Optional[Body] = None,
        json: Any = None,
        query: Pairs = None,
        headers: Pairs = None,
    ) -> Response:
        """``POST path``: see :meth:`request`."""
        return self.request("POST", path, query=query, body=body, json=json, headers=headers)

    def put(
        self,
        path: str,
        *,
        body: Optional[Body] = None,
        json: Any = None,
        query: Pairs = None,
        headers: Pairs = None,
    ) -> Response:
        """``PUT path``: see :meth:`request`."""
        return self.request("PUT", path, query=query, body=body, json=json, headers=headers)

    def delete(self, path: str, *, query: Pairs = None, headers: Pairs = None) -> Response:
        """``DELETE path``: see :meth:`request`."""
        return self.request("DELETE", path, query=query, headers=headers)

    def pages(self, path: str, query: Pairs = None) -> Pages:
        """Every page of the list at ``path``, newest first, e.g.
        ``client.pages(f"user/{uid}/payment", {"count": 200})``. No call is made until the
        first page is asked for."""
        encoded_path = required_text(path, "path")
        encoded_query = pairs_json(query, "query")
        out = PagesPointer()
        with self._borrow() as pointer:
            check(lib.bunq_pages_new(pointer, encoded_path, encoded_query, ctypes.byref(out)))
        return Pages(out, self._events)

    # ---- Calls by name ---------------------------------------------------------------------

    def call(
        self, name: str, /, *, body: Any = None, query: Pairs = None, **ids: Union[int, str]
    ) -> Any:
        """Calls bunq's operation ``name`` (``"Payment.create"``, ``"Payment.list"``,
        ``"User.get"``, ...; :func:`bunq_context.operations` lists them all) and gives its
        answer unwrapped.

        ``ids`` are the path's ids as keywords, e.g. ``monetary_account_id=7,
        payment_id=42`` (ints, or strings of digits): ``user_id`` defaults to the session's
        user, every other id the operation takes is required. ``body``: what a create or
        update sends, a dict serialised as JSON. ``query``: query parameters, e.g.
        ``{"count": 200}``.

        The answer, as the operation's row says: a dict for one object (wrapped in its
        kind, ``{"UserPerson": {...}}``, for an anchor such as ``User.get``), a list of
        dicts for a list (every page, fetched now: :meth:`walk` fetches lazily), an int for
        a created id (``client.call("Payment.create", monetary_account_id=7, body={...})``
        is the new payment's id), a str for a created UUID, or None.

        An unknown name (the message names the closest ones), a missing, extra or malformed
        id, or a body on an operation that takes none raises :class:`InvalidInputException`
        before anything is signed or sent; so does an operation that answers bytes (use
        :meth:`call_bytes`). bunq's refusals raise :class:`ApiException` subclasses."""
        encoded_name = required_text(name, "name")
        encoded_ids = calls.ids_json(ids)
        encoded_body = calls.body_json(body)
        encoded_query = pairs_json(query, "query")
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(
                lib.bunq_client_call(
                    pointer,
                    encoded_name,
                    encoded_ids,
                    encoded_body,
                    encoded_query,
                    ctypes.byref(out),
                )
            )
        return json.loads(take_string(out) or "null")

    def call_bytes(self, name: str, /, *, query: Pairs = None, **ids: Union[int, str]) -> bytes:
        """Calls bunq's operation ``name`` that answers bytes (an attachment's or an
        export's content, e.g. ``"AttachmentPublicContent.list"``) with ``ids`` and
        ``query`` as for :meth:`call`; gives the bytes bunq signed. Any other operation
        raises :class:`InvalidInputException`."""
        encoded_name = required_text(name, "name")
        encoded_ids = calls.ids_json(ids)
        encoded_query = pairs_json(query, "query")
        content = ctypes.c_void_p()
        length = ctypes.c_size_t()
        with self._borrow() as pointer:
            check(
                lib.bunq_client_call_bytes(
                    pointer,
                    encoded_name,
                    encoded_ids,
                    encoded_query,
                    ctypes.byref(content),
                    ctypes.byref(length),
                )
            )
        return take_bytes(content, length)

    def walk(self, name: str, /, *, query: Pairs = None, **ids: Union[int, str]) -> calls.Walk:
        """Every object of the list operation ``name`` across all its pages, newest first,
        fetched lazily: ``for payment in client.walk("Payment.list",
        monetary_account_id=7, query={"count": 200}): ...``. ``ids`` and ``query`` as for
        :meth:`call`. The call is checked now (an unknown name, a wrong id or an operation
        that does not answer a list raises :class:`InvalidInputException`); no page is
        fetched until the first object is asked for. See :class:`Walk`."""
        encoded_name = required_text(name, "name")
        encoded_ids = calls.ids_json(ids)
        encoded_query = pairs_json(query, "query")
        out = PagesPointer()
        with self._borrow() as pointer:
            check(
                lib.bunq_pages_new_call(
                    pointer, encoded_name, encoded_ids, encoded_query, ctypes.byref(out)
                )
            )
        return calls.Walk(out, self._events)

    # ---- Callbacks ------------------------------------------------------------------------

    def confirm_callback(self, callback: callbacks.Callback) -> Dict[str, Any]:
        """bunq's current version of the object ``callback`` names (a :class:`Callback`
        from :func:`parse_callback`), fetched through the signed, verified API: act on this,
        not on the callback's copy (bunq does not sign callbacks). The path is built from
        the object itself (its ``id``, and its ``monetary_account_id`` where it has one).

        An object bunq does not know (forged, gone, or another user's) raises
        :class:`NotFoundException`; a type that cannot be fetched by its own id alone
        raises :class:`InvalidInputException` before anything is sent."""
        if not isinstance(callback, callbacks.Callback):
            raise TypeError(
                f"callback must be a Callback from parse_callback, not {type(callback).__name__}"
            )
        encoded = required_text(callback.to_json(), "callback")
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_client_confirm_callback(pointer, encoded, ctypes.byref(out)))
        current: Dict[str, Any] = json.loads(take_string(out) or "null")
        return current

    def notification_filters(
        self, monetary_account_id: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """The URL notification filters of the session's user (``monetary_account_id``
        None: events of all its accounts) or of one of its monetary accounts, as a list of
        ``{"category": "PAYMENT", "notification_target": "https://..."}``."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(
                lib.bunq_notification_filters_list(
                    pointer, _filter_owner(monetary_account_id), ctypes.byref(out)
                )
            )
        return _json_list(out)

    def replace_notification_filters(
        self,
        filters: Sequence[Mapping[str, Any]],
        monetary_account_id: Optional[int] = None,
    ) -> None:
        """Replaces the whole list of URL notification filters of the user
        (``monetary_account_id`` None) or of one account with ``filters`` (dicts in the form
        :meth:`notification_filters` gives; ``[]`` clears it): bunq has no other way to
        change a list. A target that is not ``https://`` (``http://`` only to this machine,
        for the fake bunq) raises :class:`InvalidInputException` before anything is
        sent."""
        if isinstance(filters, (str, bytes, Mapping)):
            raise TypeError("filters must be a list of {'category', 'notification_target'} dicts")
        encoded = required_text(json.dumps([dict(item) for item in filters]), "filters")
        with self._borrow() as pointer:
            check(
                lib.bunq_notification_filters_replace(
                    pointer, _filter_owner(monetary_account_id), encoded
                )
            )

    def add_notification_filter(
        self, category: str, target: str, monetary_account_id: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """Adds one filter (``category``, e.g. ``"PAYMENT"``, sent to ``target``) to the
        list of the user (``monetary_account_id`` None) or of one account, and gives the
        list as written. bunq only replaces whole lists, so this reads the list, adds the
        filter and writes it all back: not atomic (a program writing the same list in
        between loses its change). Targets are checked as by
        :meth:`replace_notification_filters`."""
        return self._change_filter(
            lib.bunq_notification_filter_add, category, target, monetary_account_id
        )

    def remove_notification_filter(
        self, category: str, target: str, monetary_account_id: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """Removes one filter (``category``, ``target``) from the list of the user
        (``monetary_account_id`` None) or of one account, and gives the list as written:
        read, remove, write back, as :meth:`add_notification_filter`."""
        return self._change_filter(
            lib.bunq_notification_filter_remove, category, target, monetary_account_id
        )

    def _change_filter(
        self,
        function: Any,
        category: str,
        target: str,
        monetary_account_id: Optional[int],
    ) -> List[Dict[str, Any]]:
        encoded_category = required_text(category, "category")
        encoded_target = required_text(target, "target")
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(
                function(
                    pointer,
                    _filter_owner(monetary_account_id),
                    encoded_category,
                    encoded_target,
                    ctypes.byref(out),
                )
            )
        return _json_list(out)

    def clear_notification_filters(self, monetary_account_id: Optional[int] = None) -> None:
        """Clears the list of URL notification filters of the user (``monetary_account_id``
        None) or of one account: bunq calls back no more for it."""
        with self._borrow() as pointer:
            check(lib.bunq_notification_filters_clear(pointer, _filter_owner(monetary_account_id)))

    def callback_failures(self) -> List[Dict[str, Any]]:
        """The callbacks bunq gave up delivering (after 6 tries), as bunq's own objects:
        ``id``, ``category``, ``event_type``, ``object_id``, ``exception_message``,
        ``response_code``, ... Ask for them again with :meth:`retry_callback_failures`."""
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(lib.bunq_callback_failures_list(pointer, ctypes.byref(out)))
        return _json_list(out)

    def retry_callback_failures(self, ids: Sequence[int]) -> None:
        """Asks bunq to send the failed callbacks ``ids`` (the ``id`` of each of
        :meth:`callback_failures`) again."""
        if isinstance(ids, (str, bytes)):
            raise TypeError("ids must be a list of ints")
        encoded = required_text(json.dumps(list(ids)), "ids")
        with self._borrow() as pointer:
            check(lib.bunq_callback_failures_retry(pointer, encoded))

    # ---- Sessions -------------------------------------------------------------------------

    def ensure_session(self) -> bool:
        """Opens a new session if there is none or it is about to expire; True when it
        opened one."""
        opened = ctypes.c_bool()
        with self._borrow() as pointer:
            check(lib.bunq_session_ensure(pointer, ctypes.byref(opened)))
        return opened.value

    def reset_session(self) -> None:
        """Opens a new session now, whatever the state of the current one."""
        with self._borrow() as pointer:
            check(lib.bunq_session_reset(pointer))

    def close_session(self) -> None:
        """Ends the session at bunq; the next request opens a new one."""
        with self._borrow() as pointer:
            check(lib.bunq_session_close(pointer))

    @property
    def session_active(self) -> bool:
        """Whether there is a session with more than the renewal margin left (no call to
        bunq)."""
        active = ctypes.c_bool()
        with self._borrow() as pointer:
            check(lib.bunq_session_is_active(pointer, ctypes.byref(active)))
        return active.value

    # ---- Sandbox --------------------------------------------------------------------------

    def request_sandbox_money(
        self,
        account_id: int,
        amount_eur: Union[str, Decimal, int] = "100.00",
        description: str = "sandbox money",
    ) -> int:
        """Asks the sandbox's sugar daddy for ``amount_eur`` euros (at most 500) on the
        session user's monetary account ``account_id``; the money arrives at once. Gives
        the request-inquiry's id.

        Sandbox only: a client whose context is ``PRODUCTION``, or whose base URL is on
        bunq's production hosts, gets :class:`InvalidInputException` ("sandbox-only helper
        refused: ...") before anything is sent."""
        if isinstance(amount_eur, float):
            raise TypeError("amount_eur must be a str, Decimal or int: floats are not exact")
        encoded_amount = required_text(str(amount_eur), "amount_eur")
        encoded_description = required_text(description, "description")
        out = ctypes.c_uint64()
        with self._borrow() as pointer:
            check(
                lib.bunq_sandbox_money_request(
                    pointer, account_id, encoded_amount, encoded_description, ctypes.byref(out)
                )
            )
        return out.value

    # ---- Attachments ----------------------------------------------------------------------

    def upload_public_attachment(self, content: Body, content_type: str, description: str) -> str:
        """Uploads ``content`` as a public attachment (e.g. an avatar) of MIME type
        ``content_type``; gives its uuid."""
        encoded = binary(content, "content")
        encoded_type = required_text(content_type, "content_type")
        encoded_description = required_text(description, "description")
        out = ctypes.c_void_p()
        with self._borrow() as pointer:
            check(
                lib.bunq_public_attachment_upload(
                    pointer,
                    encoded_type,
                    encoded_description,
                    encoded,
                    len(encoded),
                    ctypes.byref(out),
                )
            )
        return take_string(out) or ""

    def download_public_attachment(self, uuid: str) -> bytes:
        """The content of public attachment ``uuid``, verified against bunq's signature."""
        encoded_uuid = required_text(uuid, "uuid")
        content = ctypes.c_void_p()
        length = ctypes.c_size_t()
        with self._borrow() as pointer:
            check(
                lib.bunq_public_attachment_download(
                    pointer, encoded_uuid, ctypes.byref(content), ctypes.byref(length)
                )
            )
        return take_bytes(content, length)

    def upload_account_attachment(
        self, account_id: int, content: Body, content_type: str, description: str
    ) -> int:
        """Uploads ``content`` as an attachment of monetary account ``account_id`` (e.g. a
        receipt for a payment); gives its id."""
        encoded = binary(content, "content")
        encoded_type = required_text(content_type, "content_type")
        encoded_description = required_text(description, "description")
        out = ctypes.c_uint64()
        with self._borrow() as pointer:
            check(
                lib.bunq_account_attachment_upload(
                    pointer,
                    account_id,
                    encoded_type,
                    encoded_description,
                    encoded,
                    len(encoded),
                    ctypes.byref(out),
                )
            )
        return out.value

    def download_account_attachment(self, account_id: int, attachment_id: int) -> bytes:
        """The content of attachment ``attachment_id`` of monetary account ``account_id``,
        verified against bunq's signature."""
        content = ctypes.c_void_p()
        length = ctypes.c_size_t()
        with self._borrow() as pointer:
            check(
                lib.bunq_account_attachment_download(
                    pointer,
                    account_id,
                    attachment_id,
                    ctypes.byref(content),
                    ctypes.byref(length),
                )
            )
        return take_bytes(content, length)

    # ---- Lifetime: close(), with-blocks and garbage collection come from OwnsHandle -----

    def __repr__(self) -> str:
        return "<Client (closed)>" if self.closed else "<Client>"


class Pages(OwnsHandle):
    """A walk through every page of a list endpoint, from the newest page to the oldest.

    Iterate over it for each page's :class:`Response`; a failure raises and ends the walk.
    Holds a library handle (released by :meth:`close`, a ``with`` block or garbage
    collection) and keeps its client's context alive even if the client is closed first.
    """

    def __init__(self, pointer: Any, before_call: Optional[Callable[[], None]] = None) -> None:
        """Takes ownership of a ``bunq_pages *``; use :meth:`Client.pages` instead.
        ``before_call`` runs as each page is asked for (the client's event switch)."""
        self._handle = Handle(pointer, lib.bunq_pages_free, "page walk")
        self._before_call = before_call

    def __iter__(self) -> Iterator[Response]:
        return self

    def __next__(self) -> Response:
        if self._before_call is not None:
            self._before_call()
        out = ResponsePointer()
        with self._handle.borrow() as pointer:
            check(lib.bunq_pages_next(pointer, ctypes.byref(out)))
        if not out:
            raise StopIteration
        return Response(out)

    @property
    def future_url(self) -> Optional[str]:
        """The newest page's ``future_url`` (request it later for items created since), or
        None before the first page or when bunq gave none."""
        out = ctypes.c_void_p()
        with self._handle.borrow() as pointer:
            check(lib.bunq_pages_future_url(pointer, ctypes.byref(out)))
        return take_string(out)






def _filter_owner(monetary_account_id: Optional[int]) -> int:
    """The library's owner of a filter list: 0 for the user, else the account's id."""
    if monetary_account_id is None:
        return 0
    if isinstance(monetary_account_id, bool) or not isinstance(monetary_account_id, int):
        raise TypeError(
            f"monetary_account_id must be an int, not {type(monetary_account_id).__name__}"
        )
    if monetary_account_id <= 0:
        raise ValueError("monetary_account_id must be positive (None: the user's filters)")
    return monetary_account_id


def _json_list(out: ctypes.c_void_p) -> List[Dict[str, Any]]:
    """An owned JSON array as a list."""
    items: List[Dict[str, Any]] = json.loads(take_string(out) or "[]")
    return items


def _config_or_empty(config: Config, settings: Dict[str, Any]) -> bytes:
    """A required configuration: an empty one is sent as ``{}`` so that the library names
    what is missing."""
    return config_json(config, settings, "config") or b"{}"
