"""``key=value`` overrides of the engine's settings, for comparing settings without code changes.

Keys name a field of ``EngineConfig`` (``index_kind``), or of its ``search`` or ``chunks`` settings
(``search.fusion``, ``chunks.target_tokens``); values are parsed by the field's type.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.config import EngineConfig

_NESTED = ("search", "chunks")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class OverrideError(ValueError):
    """An override names no setting or holds a value of the wrong type."""


def _parse(value: str, kind: Any, key: str) -> Any:
    origin = typing.get_origin(kind)
    if origin is typing.Literal:
        allowed = typing.get_args(kind)
        if value not in allowed:
            raise OverrideError(f"{key} must be one of {', '.join(map(str, allowed))}")
        return value
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if type(None) in options and value.lower() in ("none", "null", ""):
            return None
        for option in (o for o in options if o is not type(None)):
            try:
                return _parse(value, option, key)
            except OverrideError:
                continue
        raise OverrideError(f"{key}: cannot read {value!r}")
    if kind is bool:
        if value.lower() not in _TRUE | _FALSE:
            raise OverrideError(f"{key} must be true or false")
        return value.lower() in _TRUE
    if kind in (int, float, str, Path):
        try:
            return kind(value)
        except ValueError:
            raise OverrideError(f"{key} must be a {kind.__name__}, not {value!r}") from None
    raise OverrideError(f"{key} cannot be set from the command line")


def _parsed(target: Any, field: str, value: str, key: str) -> Any:
    hints = typing.get_type_hints(type(target))
    names = {f.name for f in dataclasses.fields(target)}
    if field not in names:
        raise OverrideError(f"unknown setting {key!r}; known: {', '.join(sorted(names))}")
    return _parse(value, hints[field], key)


def apply_overrides(config: EngineConfig, assignments: Iterable[str]) -> EngineConfig:
    """Return ``config`` with every ``key=value`` assignment applied (a later one wins).

    The settings are checked once all are applied, so their order never matters.
    """
    top: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {group: {} for group in _NESTED}
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        key = key.strip()
        if not sep or not key:
            raise OverrideError(f"{assignment!r} is not of the form key=value")
        head, dot, field = key.partition(".")
        if dot and head in _NESTED:
            nested[head][field] = _parsed(getattr(config, head), field, value.strip(), key)
        elif dot:
            raise OverrideError(f"unknown settings group {head!r}; use {' or '.join(_NESTED)}")
        elif key in _NESTED:
            raise OverrideError(f"{key} is a group; set one of its fields ({key}.name=value)")
        else:
            top[key] = _parsed(config, key, value.strip(), key)
    try:
        groups = {g: dataclasses.replace(getattr(config, g), **c) for g, c in nested.items() if c}
        return dataclasses.replace(config, **top, **groups)
    except ValueError as exc:
        raise OverrideError(str(exc)) from None
