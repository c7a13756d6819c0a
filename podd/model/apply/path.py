"""Field paths as structured-merge-diff writes them.

A path element selects a child: a field (``f:name``), an item of a keyed
list (``k:{"name":"app"}``), an item of a set by its value (``v:"x"``) or an
item of an atomic list by index (``i:0``). A path is a tuple of elements; a
field set is a frozenset of paths.

Elements are ``(kind, data)`` tuples so that they hash and sort the way
structured-merge-diff orders them: fields before keys before values before
indexes, key fields by name then value, values numbers < strings < bools <
lists < maps < null. JSON values inside elements are *tagged*
(``(rank, payload)``) so that ``1`` and ``True`` stay distinct.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = [
    "FIELD",
    "INDEX",
    "KEY",
    "VALUE",
    "FieldSet",
    "Path",
    "PathElement",
    "PathError",
    "field",
    "go_json",
    "iterate",
    "key",
    "parse_element",
    "path_string",
    "serialize_element",
    "tag",
    "untag",
    "value",
]

FIELD, KEY, VALUE, INDEX = 0, 1, 2, 3
_PREFIX = {FIELD: "f:", KEY: "k:", VALUE: "v:", INDEX: "i:"}

PathElement = tuple[int, Any]
Path = tuple[PathElement, ...]
FieldSet = frozenset[Path]


class PathError(ValueError):
    """A FieldsV1 key that does not parse."""


# -------------------------------------------------------------- values


def tag(v: Any) -> tuple[Any, ...]:
    """A JSON value as a hashable, ordered tuple."""
    if v is None:
        return (5, None)
    if isinstance(v, bool):
        return (2, v)
    if isinstance(v, int | float):
        return (0, v)
    if isinstance(v, str):
        return (1, v)
    if isinstance(v, list):
        return (3, tuple(tag(x) for x in v))
    if isinstance(v, dict):
        return (4, tuple(sorted((k, tag(x)) for k, x in v.items())))
    raise TypeError(f"not a JSON value: {type(v).__name__}")


def untag(t: tuple[Any, ...]) -> Any:
    rank, payload = t
    if rank == 3:
        return [untag(x) for x in payload]
    if rank == 4:
        return {k: untag(x) for k, x in payload}
    return payload


def field(name: str) -> PathElement:
    return (FIELD, name)


def key(fields: Iterable[tuple[str, Any]]) -> PathElement:
    """A keyed-list element from (name, JSON value) pairs (sorted by name, as SMD does)."""
    return (KEY, tuple(sorted((n, tag(v)) for n, v in fields)))


def value(v: Any) -> PathElement:
    return (VALUE, tag(v))


# ------------------------------------------------------- serialization

_GO_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def go_json(v: Any) -> str:
    """Compact JSON as Go's encoding/json writes it (HTML characters escaped, map keys sorted)."""
    text = json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if any(c in text for c in _GO_ESCAPES):
        text = "".join(_GO_ESCAPES.get(c, c) for c in text)
    return text


def serialize_element(pe: PathElement) -> str:
    """``f:spec``, ``k:{"containerPort":80,"protocol":"TCP"}``, ``v:"x"``, ``i:0``."""
    kind, data = pe
    if kind == FIELD:
        return "f:" + data  # written raw, as SMD does
    if kind == KEY:
        body = ",".join(go_json(n) + ":" + go_json(untag(v)) for n, v in data)
        return "k:{" + body + "}"
    if kind == VALUE:
        return "v:" + go_json(untag(data))
    return f"i:{data}"


def parse_element(text: str) -> PathElement | None:
    """The element a FieldsV1 key names; None for a kind this version does not know."""
    if len(text) < 2 or text[1] != ":":
        raise PathError(f"missing colon: {text}")
    kind, body = text[0], text[2:]
    if kind == "f":
        return (FIELD, body)
    try:
        if kind == "k":
            fields = json.loads(body)
            if not isinstance(fields, dict):
                raise PathError(f"key is not an object: {text}")
            return key(fields.items())
        if kind == "v":
            return value(json.loads(body))
        if kind == "i":
            return (INDEX, int(body))
    except (ValueError, TypeError) as exc:
        raise PathError(f"invalid path element {text!r}: {exc}") from None
    return None


# ------------------------------------------------------- human strings


def _go_float(f: float) -> str:
    if math.isfinite(f) and f == int(f) and abs(f) < 1e21:
        return str(int(f))
    return repr(f)


def _to_string(v: Any) -> str:
    """``value.ToString``: Go's %v for numbers and bools, %q for strings."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return _go_float(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(_to_string(x) for x in v) + "]"
    return "".join(f"{k}={_to_string(x)}" for k, x in v.items())


def element_string(pe: PathElement) -> str:
    kind, data = pe
    if kind == FIELD:
        return "." + data
    if kind == KEY:
        return "[" + ",".join(f"{n}={_to_string(untag(v))}" for n, v in data) + "]"
    if kind == VALUE:
        return f"[={_to_string(untag(data))}]"
    return f"[{data}]"


def path_string(path: Path) -> str:
    """``.spec.containers[name="app"].image``, as the apiserver names a field in a conflict."""
    return "".join(element_string(pe) for pe in path)


def iterate(paths: Iterable[Path]) -> Iterator[Path]:
    """Paths in SMD's ``Set.Iterate`` order: at each level the members, then
    each child's subtree, both sorted."""
    members: set[PathElement] = set()
    children: dict[PathElement, list[Path]] = {}
    for p in paths:
        if len(p) == 1:
            members.add(p[0])
        elif p:
            children.setdefault(p[0], []).append(p[1:])
    for pe in sorted(members):
        yield (pe,)
    for pe in sorted(children):
        for rest in iterate(children[pe]):
            yield (pe, *rest)
