"""What structured-merge-diff's schema says about a value, read from the
model's msgspec Structs and :mod:`podd.model.listtypes`.

A :class:`Ref` is where a value sits (its declared type, and for a list or map
field the rules its parent declares); :func:`node` looks at the value too and
says what it is: a scalar, a struct (a map with declared fields), a map, or a
list (atomic, a set of scalars, or keyed by fields). Untyped values
(``dict[str, Any]``, podd's stand-in for structs it does not model) count as
structs whose every key is a field, their lists as atomic.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import msgspec
from msgspec import inspect as mi

from podd.model.apply.path import FIELD, PathElement, field, key, value
from podd.model.errors import ModelError
from podd.model.listtypes import ATOMIC_STRUCTS, ListType, key_default, list_type, map_is_atomic
from podd.model.typeinfo import struct_fields, type_of

__all__ = [
    "LIST",
    "MAP",
    "MISSING",
    "SCALAR",
    "STRUCT",
    "Node",
    "Ref",
    "TypedError",
    "child_ref",
    "item_element",
    "node",
    "root",
]

SCALAR, STRUCT, MAP, LIST = "scalar", "struct", "map", "list"


class _Missing:
    """Go's nil Value: the field is absent (JSON null is None)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class TypedError(ModelError):
    """A value structured-merge-diff cannot place: a keyed item without its
    key, a duplicate item in an applied configuration (400)."""


class Ref(NamedTuple):
    t: mi.Type | None  # None: untyped
    rule: ListType | None = None  # a list field's rules, from its parent
    atomic_map: bool = False
    name: str = ""  # the field's wire name (key defaults are per list field)


class Node(NamedTuple):
    kind: str
    atomic: bool
    t: mi.Type | None
    rule: ListType | None
    name: str

    @property
    def keys(self) -> tuple[str, ...] | None:
        return self.rule.keys if self.rule is not None else None


def root(typ: type[msgspec.Struct]) -> Ref:
    return Ref(type_of(typ))


def _unwrap(t: mi.Type | None, shape: str) -> mi.Type | None:
    """The member of a union a value of ``shape`` (map, list, scalar) selects."""
    if not isinstance(t, mi.UnionType):
        return t
    members = [m for m in t.types if not isinstance(m, mi.NoneType)]
    wanted = {
        "map": (mi.StructType, mi.DictType),
        "list": (mi.ListType,),
    }.get(shape)
    for m in members:
        if wanted is not None and isinstance(m, wanted):
            return m
    for m in members:
        if isinstance(m, mi.AnyType):
            return m
    return members[0] if len(members) == 1 else t


def _shape(v: Any) -> str:
    if isinstance(v, dict):
        return "map"
    if isinstance(v, list):
        return "list"
    return "scalar"


def node(ref: Ref, v: Any = MISSING, shape: str | None = None) -> Node:
    """What the value ``v`` at ``ref`` is (``shape`` instead of a value: map, list)."""
    shape = shape or (_shape(v) if v is not MISSING and v is not None else "")
    t = _unwrap(ref.t, shape)
    if t is None or isinstance(t, mi.AnyType):
        if shape == "map":
            return Node(STRUCT, False, None, None, ref.name)
        if shape == "list":
            return Node(LIST, True, None, None, ref.name)
        return Node(SCALAR, False, None, None, ref.name)
    if isinstance(t, mi.StructType):
        return Node(STRUCT, t.cls in ATOMIC_STRUCTS, t, None, ref.name)
    if isinstance(t, mi.DictType):
        return Node(MAP, ref.atomic_map, t, None, ref.name)
    if isinstance(t, mi.ListType):
        rule = ref.rule if ref.rule is not None else ListType(None)
        return Node(LIST, rule.keys is None, t, rule, ref.name)
    return Node(SCALAR, False, t, None, ref.name)


def child_ref(n: Node, name: str) -> tuple[Ref, bool]:
    """The child ``name`` of a struct or map node, and whether it is a declared field."""
    if n.kind == STRUCT and isinstance(n.t, mi.StructType):
        ft = struct_fields(n.t.cls).get(name)
        if ft is None:
            return Ref(None), False
        return Ref(ft, list_type(n.t, name), map_is_atomic(n.t, name), name), True
    if n.kind == STRUCT:  # untyped: every key a field
        return Ref(None, name=name), True
    if isinstance(n.t, mi.DictType):
        return Ref(n.t.value_type, name=n.name), False
    return Ref(None), False


def item_ref(n: Node) -> Ref:
    item = n.t.item_type if isinstance(n.t, mi.ListType) else None
    return Ref(item, name=n.name)


def item_element(n: Node, item: Any, index: int, where: str) -> PathElement:
    """The path element of item ``index`` of list node ``n``."""
    keys = n.keys
    if keys is None:
        return (3, index)
    if not keys:
        if isinstance(item, dict | list):
            raise TypedError(
                f"{where}: element {index}: associative list without keys has an "
                "element that's a map or list type"
            )
        return value(item)
    if not isinstance(item, dict):
        raise TypedError(
            f"{where}: element {index}: associative list with keys may not have non-map elements"
        )
    fields = []
    for k in keys:
        if k in item:
            fields.append((k, item[k]))
            continue
        has, default = key_default(n.name, k)
        if not has:
            raise TypedError(
                f"{where}: element {index}: associative list with keys has an element that "
                f'omits key field "{k}" (and doesn\'t have default value)'
            )
        fields.append((k, default))
    return key(fields)


def ref_along(ref: Ref, pe: PathElement) -> tuple[Node, Ref, bool]:
    """Following one path element from ``ref`` (no value at hand): the node at
    ``ref``, the child's ref, and whether the child is a declared struct field."""
    if pe[0] == FIELD:
        n = node(ref, shape="map")
        child, declared = child_ref(n, pe[1])
        return n, child, declared and n.kind == STRUCT
    n = node(ref, shape="list")
    return n, item_ref(n), False


__all__ += ["field", "item_ref", "ref_along"]
