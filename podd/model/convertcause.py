"""A msgspec ``ValidationError`` turned into a Kubernetes field cause.

msgspec says ``Expected `int`, got `str` - at `$.spec.containers[0].ports[0].containerPort```;
the apiserver says ``spec.containers[0].ports[0].containerPort: Invalid value: "eighty":
expected integer, got string``. :func:`cause_from` maps the one to the other,
finding the bad value in the raw object the message is about.
"""

from __future__ import annotations

import json
import re
from typing import Any

from podd.model import field as f
from podd.model.field import StatusCause

__all__ = ["cause_from"]


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


_ERROR = re.compile(r"(?P<msg>.*?)(?: - at `(?P<at>[^`]*)`(?: in `(?P<in>[^`]*)`)?)?", re.S)
_MISSING = re.compile(r"Object missing required field `(?P<name>[^`]*)`")
_EXPECTED = re.compile(r"Expected `(?P<want>[^`]*)`, got `(?P<got>[^`]*)`")
_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
_TYPE_NAMES = {
    "int": "integer",
    "str": "string",
    "float": "number",
    "bool": "boolean",
    "object": "object",
    "array": "array",
    "null": "null",
}
_MATCHES_GOT: dict[str, Any] = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "str": lambda v: isinstance(v, str),
    "float": lambda v: isinstance(v, float),
    "bool": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _describe(types: str) -> str:
    """``int | str | null`` → ``integer or string``."""
    names = [_TYPE_NAMES.get(t.strip(), t.strip()) for t in types.split("|")]
    names = [n for n in names if n != "null"] or ["null"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _locate(raw: Any, at: str, got: str | None) -> tuple[str, Any]:
    """Follow a msgspec path (``$.a[0].b[...]``) through ``raw``: (field path, value)."""
    path, node = "", raw
    for name, index in _SEGMENT.findall(at.removeprefix("$")):
        if name:
            path = _join(path, name)
            node = node.get(name) if isinstance(node, dict) else None
        elif index == "...":
            key, node = _find_bad(node, got, keys=False)
            path = f"{path}[{key}]"
        else:
            path = f"{path}[{index}]"
            i = int(index)
            node = node[i] if isinstance(node, list) and i < len(node) else None
    return path, node


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _find_bad(node: Any, got: str | None, *, keys: bool) -> tuple[str, Any]:
    """The first dict entry whose value (or key) has the JSON type msgspec complained about."""
    test = _MATCHES_GOT.get(got or "", lambda v: True)
    if isinstance(node, dict):
        for k, v in node.items():
            if test(k if keys else v):
                return _key_text(k), (k if keys else v)
    return "...", None


def _show(value: Any) -> Any:
    """The bad value itself, or a shortened text of a large object or array."""
    if isinstance(value, dict | list):
        text = json.dumps(value, separators=(",", ":"), default=str)
        return value if len(text) <= 80 else text[:77] + "..."
    return value


def cause_from(message: str, raw: Any) -> StatusCause:
    """The cause for msgspec's ``message`` about converting ``raw``."""
    m = _ERROR.fullmatch(message)
    assert m is not None  # the pattern matches any text
    msg, at, in_ = m.group("msg"), m.group("at"), m.group("in")
    missing = _MISSING.fullmatch(msg)
    expected = _EXPECTED.fullmatch(msg)
    got = expected.group("got") if expected else None
    if in_ is not None:  # a bad map key: "- at `key` in `$.metadata.labels`"
        path, node = _locate(raw, in_, None)
        _, key = _find_bad(node, got, keys=True)
        detail = f"map keys must be strings ({msg})"
        if expected:
            detail = (
                f"map key: expected {_describe(expected.group('want'))}, got {_describe(got or '')}"
            )
        return f.type_invalid(path, key, detail)
    path, value = _locate(raw, at or "$", got)
    if missing:
        return f.required(_join(path, missing.group("name")))
    if expected:
        detail = f"expected {_describe(expected.group('want'))}, got {_describe(got or '')}"
        return f.type_invalid(path, _show(value), detail)
    return f.invalid(path, _show(value), msg)
