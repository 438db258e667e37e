"""Configuration, queries and headers as the JSON text the library reads.

The library validates every key and value (an unknown key is a :class:`JsonException`);
this module only serialises what it is given.
"""

from __future__ import annotations

import inspect
import json
from typing import Any, Callable, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from ._native import required_text
from ._settings import GROUPS

_Documented = TypeVar("_Documented")

#: A configuration: keyword settings, a mapping of them, or JSON text (passed as is).
Config = Union[str, Mapping[str, Any], None]

#: Query parameters or extra headers: a mapping, or a sequence of (name, value) pairs
#: (for a name that repeats). Values are strings, numbers or booleans.
Pairs = Union[Mapping[str, Any], Sequence[Tuple[str, Any]], None]


def config_json(config: Config, settings: Mapping[str, Any], name: str) -> Optional[bytes]:
    """The JSON object of ``config`` and the keyword ``settings`` (which win over the
    mapping's keys), or None when neither has anything (the library's defaults)."""
    if isinstance(config, str):
        if settings:
            raise TypeError(f"give {name} as a JSON string or as keywords, not both")
        return required_text(config, name)
    if config is None and not settings:
        return None
    merged = dict(config or {})
    merged.update(settings)
    return required_text(json.dumps(merged), name)


def pairs_json(pairs: Pairs, name: str) -> Optional[bytes]:
    """``{"name": value}`` or ``[["name", value], ...]`` as JSON text; None stays NULL."""
    if pairs is None:
        return None
    if isinstance(pairs, Mapping):
        return required_text(json.dumps(dict(pairs)), name)
    if isinstance(pairs, (str, bytes)):
        raise TypeError(f"{name} must be a mapping or a sequence of (name, value) pairs")
    return required_text(json.dumps([list(pair) for pair in pairs]), name)


def compact_json(value: Any) -> bytes:
    """``value`` serialised as compact UTF-8 JSON, the bytes a request body carries."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def settings_documented(*groups: str) -> Callable[[_Documented], _Documented]:
    """Ends the docstring of the decorated function or class with the documentation of the
    settings ``groups`` take (``"context"``, ``"client"``, ``"oauth"``, ``"sandbox"``),
    generated from the library's own list of settings, so that ``help()`` shows every name,
    type, default and meaning."""

    def decorate(documented: _Documented) -> _Documented:
        text = inspect.cleandoc(documented.__doc__ or "")
        parts = [text, "Settings (each a keyword, a key of the mapping, or of the JSON text):"]
        documented.__doc__ = "\n\n".join(parts + [GROUPS[group] for group in groups])
        return documented

    return decorate
