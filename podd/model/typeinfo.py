"""Walking raw JSON alongside a Struct's type (unknown fields, merge keys).

``msgspec.inspect.type_info`` is computed once per type and cached.
"""

from __future__ import annotations

import functools
from typing import Any

import msgspec
from msgspec import inspect as mi

__all__ = ["field_type", "is_nullable", "resolve", "struct_fields", "type_of"]


@functools.cache
def type_of(typ: Any) -> mi.Type:
    """The inspected type of a Python type (cached)."""
    return mi.type_info(typ)


@functools.cache
def struct_fields(cls: type[msgspec.Struct]) -> dict[str, mi.Type]:
    """Wire name → inspected type for every field of a Struct class."""
    info = type_of(cls)
    assert isinstance(info, mi.StructType)
    return {f.encode_name: f.type for f in info.fields}


def resolve(t: mi.Type | None, value: Any) -> mi.Type | None:
    """The member of a union that a raw value's shape selects (dict → Struct/dict, list → list)."""
    if not isinstance(t, mi.UnionType):
        return t
    for member in t.types:
        if isinstance(value, dict) and isinstance(member, mi.StructType | mi.DictType):
            return member
        if isinstance(value, list) and isinstance(member, mi.ListType):
            return member
    return t


def field_type(t: mi.Type | None, name: str) -> mi.Type | None:
    """The type of field ``name`` when ``t`` is a Struct type, else None."""
    if isinstance(t, mi.StructType):
        return struct_fields(t.cls).get(name)
    return None


def is_nullable(t: mi.Type) -> bool:
    if isinstance(t, mi.NoneType | mi.AnyType):
        return True
    return isinstance(t, mi.UnionType) and any(isinstance(m, mi.NoneType) for m in t.types)
