"""OAuth: sending a user to bunq to grant access, and trading the code for a token."""

from __future__ import annotations

import ctypes
from typing import Any, Optional

from ._json import config_json, settings_documented
from ._native import check, lib, required_text, take_string


@settings_documented("oauth", "client")
class OAuth:
    """An OAuth app registered with bunq.

    ``environment``: ``"SANDBOX"`` or ``"PRODUCTION"``. ``redirect_uri`` exactly as
    registered. ``client_secret`` is needed only to exchange codes. ``authorize_url`` and
    ``token_url`` point elsewhere (a test server); other keywords are client options
    (``timeout_ms``, ``proxy``, ``user_agent``, ...), listed below.
    """

    def __init__(
        self,
        client_id: str,
        redirect_uri: str,
        *,
        environment: str = "SANDBOX",
        client_secret: Optional[str] = None,
        authorize_url: Optional[str] = None,
        token_url: Optional[str] = None,
        **options: Any,
    ) -> None:
        settings = dict(
            environment=environment,
            client_id=client_id,
            redirect_uri=redirect_uri,
            client_secret=client_secret,
            authorize_url=authorize_url,
            token_url=token_url,
        )
        settings = {key: value for key, value in settings.items() if value is not None}
        settings.update(options)
        self._config = config_json(None, settings, "config") or b"{}"
        self.client_id = client_id
        self.redirect_uri = redirect_uri

    def authorization_url(self, state: str) -> str:
        """The bunq page to send the user to. ``state`` should be unguessable: check it when
        bunq redirects back."""
        out = ctypes.c_void_p()
        check(
            lib.bunq_oauth_authorization_url(
                self._config, required_text(state, "state"), ctypes.byref(out)
            )
        )
        return take_string(out) or ""

    def exchange_code(self, code: str) -> str:
        """Trades the ``code`` from bunq's redirect for an access token (a secret: use it
        as the ``api_key`` of :meth:`Client.create`). A refused code raises
        :class:`BadRequestException`."""
        out = ctypes.c_void_p()
        check(
            lib.bunq_oauth_code_exchange(
                self._config, required_text(code, "code"), ctypes.byref(out)
            )
        )
        return take_string(out) or ""

    def __repr__(self) -> str:
        return f"<OAuth client_id={self.client_id!r} redirect_uri={self.redirect_uri!r}>"
