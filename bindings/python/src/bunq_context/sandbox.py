"""bunq's sandbox: throw-away users to test with."""

from __future__ import annotations

import ctypes
from typing import Any

from ._json import Config, config_json, settings_documented
from ._native import check, lib, required_text, take_string


@settings_documented("sandbox", "client")
def create_sandbox_user(config: Config = None, *, kind: str = "person", **settings: Any) -> str:
    """Creates a sandbox user and gives its API key, ready for :meth:`Client.create` (bind
    it to a device within hours).

    Without configuration it uses bunq's public sandbox; ``base_url`` points at another
    sandbox-like server, and the client options (``timeout_ms``, ``proxy``, ...) apply.
    ``kind``: ``"person"`` or ``"company"``.

    Sandbox only: a ``base_url`` on bunq's production hosts (such as
    ``https://api.bunq.com/v1/``) raises :class:`InvalidInputException` ("sandbox-only
    helper refused: ...") before anything is sent.
    """
    out = ctypes.c_void_p()
    check(
        lib.bunq_sandbox_user_create(
            config_json(config, settings, "config"), required_text(kind, "kind"), ctypes.byref(out)
        )
    )
    return take_string(out) or ""
