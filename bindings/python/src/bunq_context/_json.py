"""Configuration, queries and headers as the JSON text the library reads.

The library validates every key and value (an unknown key is a :class:`JsonException`);
this module only serialises what it is given.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional, Sequence, Tuple, Union

from ._native import required_text

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
