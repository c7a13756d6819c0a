"""Field sets: the FieldsV1 encoding of managedFields, and the set operations
structured-merge-diff's updater needs beyond Python's own (``|``, ``-``, ``&``).

FieldsV1 is a JSON object per level: a key per path element (``f:spec``,
``k:{"name":"app"}``, ``v:"x"``, ``i:0``) whose value is ``{}`` for a path in
the set, or the next level's object, with ``".": {}`` when the path itself is
in the set as well as paths below it. Keys are written in SMD's order, so an
encoding is stable: what :func:`to_fields_v1` wrote reads back equal.
"""

from __future__ import annotations

from typing import Any

from podd.model.apply.path import (
    FIELD,
    FieldSet,
    Path,
    PathElement,
    PathError,
    parse_element,
    serialize_element,
)
from podd.model.apply.schema import Ref, ref_along

__all__ = [
    "ensure_named_fields",
    "from_fields_v1",
    "recursive_difference",
    "split",
    "to_fields_v1",
]


def split(paths: FieldSet | set[Path]) -> tuple[set[PathElement], dict[PathElement, set[Path]]]:
    """One level of a set: its members, and the paths below each child (prefix removed)."""
    members: set[PathElement] = set()
    children: dict[PathElement, set[Path]] = {}
    for p in paths:
        if len(p) == 1:
            members.add(p[0])
        elif p:
            children.setdefault(p[0], set()).add(p[1:])
    return members, children


def to_fields_v1(paths: FieldSet) -> dict[str, Any]:
    """The set as a FieldsV1 object."""
    return _emit(paths, include_self=False)


def _emit(paths: FieldSet | set[Path], *, include_self: bool) -> dict[str, Any]:
    members, children = split(paths)
    out: dict[str, Any] = {}
    if include_self and (members or children):
        out["."] = {}
    for pe in sorted(members | children.keys()):
        below = children.get(pe)
        out[serialize_element(pe)] = (
            _emit(below, include_self=pe in members) if below is not None else {}
        )
    return out


def from_fields_v1(fields: Any) -> FieldSet:
    """The set a FieldsV1 object encodes; PathError when it does not parse.
    Keys of element kinds this version does not know are dropped, as SMD does."""
    if not isinstance(fields, dict):
        raise PathError("fieldsV1 must be an object")
    out: set[Path] = set()
    _read(fields, (), out)
    return frozenset(out)


def _read(level: dict[str, Any], prefix: Path, out: set[Path]) -> bool:
    """Add the paths of one level; whether it had any element this version knows."""
    found = False
    for name, below in level.items():
        if name == ".":
            continue
        pe = parse_element(name)
        if pe is None:
            continue
        if not isinstance(below, dict):
            raise PathError(f"the value of {name!r} must be an object")
        found = True
        path = (*prefix, pe)
        if not _read(below, path, out) or "." in below:
            out.add(path)
    return found


def recursive_difference(paths: FieldSet, remove: FieldSet) -> FieldSet:
    """``paths`` without every path that is in ``remove`` or lies below one that is."""
    if not remove:
        return paths
    return frozenset(p for p in paths if not any(p[:i] in remove for i in range(1, len(p) + 1)))


def ensure_named_fields(paths: FieldSet, ref: Ref) -> FieldSet:
    """``paths`` plus every struct field that has paths below it ("a.b.c" adds
    "a" and "a.b" where they are declared fields, not map keys or list items)."""
    out = set(paths)
    _named(paths, ref, (), out)
    return frozenset(out)


def _named(paths: FieldSet | set[Path], ref: Ref, prefix: Path, out: set[Path]) -> None:
    _, children = split(paths)
    for pe, below in children.items():
        _, child, declared = ref_along(ref, pe)
        if declared and pe[0] == FIELD:
            out.add((*prefix, pe))
        _named(below, child, (*prefix, pe), out)
