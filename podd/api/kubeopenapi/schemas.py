"""JSON schemas of podd's Structs, walked from ``msgspec.inspect``.

One walk serves both documents; a :class:`Dialect` says how a reference is
written: Swagger 2.0 puts ``$ref`` beside the field's description (kube-openapi's
v2 parser allows nothing else beside it), OpenAPI 3.0 wraps it in ``allOf`` so the
description survives, as the apiserver's v3 documents do.

A field's schema comes from its msgspec type (wire names, optionality), its
description from :mod:`.docs`, how it merges from :mod:`.patchmeta`.
Two unions have Kubernetes names: ``int | str`` is an ``IntOrString`` and
``str | int | float`` a ``Quantity``; any other union is an error, so a new
shape in the model is decided here, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
from msgspec import inspect as mi

from podd.api.kubeopenapi.docs import TYPES, field_description, type_description
from podd.api.kubeopenapi.names import definition_name, group_version_kinds
from podd.api.kubeopenapi.patchmeta import list_extensions, map_extensions, struct_extensions

__all__ = ["V2", "V3", "Dialect", "definitions"]

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_NAMED_SCALARS: dict[str, dict[str, Any]] = {
    INT_OR_STRING: {"type": "string", "format": "int-or-string"},
    QUANTITY: {"type": "string"},
}
_UNIONS: dict[frozenset[type], str] = {
    frozenset({mi.IntType, mi.StrType}): INT_OR_STRING,
    frozenset({mi.IntType, mi.StrType, mi.FloatType}): QUANTITY,
}
_SCALARS: dict[type, dict[str, Any]] = {
    mi.StrType: {"type": "string"},
    mi.IntType: {"type": "integer", "format": "int64"},
    mi.FloatType: {"type": "number", "format": "double"},
    mi.BoolType: {"type": "boolean"},
    mi.BytesType: {"type": "string", "format": "byte"},
}


@dataclass(frozen=True)
class Dialect:
    ref_prefix: str
    wrap_refs: bool  # allOf around a reference that has a description

    def ref(self, name: str, description: str | None = None) -> dict[str, Any]:
        target = {"$ref": self.ref_prefix + name}
        if description is None:
            return target
        if self.wrap_refs:
            return {"allOf": [target], "description": description}
        return {**target, "description": description}


V2 = Dialect("#/definitions/", wrap_refs=False)
V3 = Dialect("#/components/schemas/", wrap_refs=True)


class _Walk:
    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.found: dict[str, dict[str, Any]] = {}
        self.pending: list[mi.StructType] = []
        self.owners: dict[str, type] = {}

    def named(self, t: mi.Type) -> str | None:
        """The definition a type is a reference to, queuing Structs to describe."""
        if isinstance(t, mi.StructType):
            name = definition_name(t.cls)
            owner = self.owners.setdefault(name, t.cls)
            if owner is not t.cls:
                raise ValueError(f"{name} names both {owner} and {t.cls}")
            if name not in self.found:
                self.found[name] = {}  # reserved; filled when its turn comes
                self.pending.append(t)
            return name
        if isinstance(t, mi.UnionType):
            members = frozenset(type(m) for m in t.types if not isinstance(m, mi.NoneType))
            scalar = _UNIONS.get(members)
            if scalar is None:
                raise ValueError(f"no schema for the union {t}")
            if scalar not in self.found:
                short = scalar.rsplit(".", 1)[1]
                self.found[scalar] = {"description": TYPES[short], **_NAMED_SCALARS[scalar]}
            return scalar
        return None

    def schema(self, t: mi.Type, description: str | None = None) -> dict[str, Any]:
        t = _strip_none(t)
        name = self.named(t)
        if name is not None:
            return self.dialect.ref(name, description)
        out: dict[str, Any] = {}
        if description is not None:
            out["description"] = description
        if type(t) in _SCALARS:
            out.update(_SCALARS[type(t)])
        elif isinstance(t, mi.ListType):
            out.update(type="array", items=self.schema(t.item_type))
        elif isinstance(t, mi.DictType):
            out["type"] = "object"
            value = _strip_none(t.value_type)
            if not isinstance(value, mi.AnyType):  # free-form objects say no more
                out["additionalProperties"] = self.schema(value)
        elif isinstance(t, mi.RawType):
            out["type"] = "object"  # an object spliced in as it is (RawExtension)
        elif not isinstance(t, mi.AnyType):  # any JSON value says nothing more
            raise ValueError(f"no schema for {t}")
        return out

    def struct(self, t: mi.StructType) -> dict[str, Any]:
        short = t.cls.__name__
        properties: dict[str, Any] = {}
        for f in t.fields:
            prop = self.schema(f.type, field_description(short, f.encode_name))
            if prop.get("type") == "array":
                prop.update(list_extensions(t.cls, f.encode_name))
            elif "additionalProperties" in prop:
                prop.update(map_extensions(t.cls, f.encode_name))
            properties[f.encode_name] = prop
        out: dict[str, Any] = {"description": type_description(t.cls), "type": "object"}
        required = [f.encode_name for f in t.fields if f.required]
        if required:
            out["required"] = required
        out["properties"] = properties
        gvks = group_version_kinds(t.cls)
        if gvks:
            out["x-kubernetes-group-version-kind"] = gvks
        return {**out, **struct_extensions(t.cls)}


def _strip_none(t: mi.Type) -> mi.Type:
    """``X | None`` is ``X``: an unset field is left out, never null."""
    if isinstance(t, mi.UnionType):
        members = [m for m in t.types if not isinstance(m, mi.NoneType)]
        if len(members) == 1:
            return members[0]
        return mi.UnionType(tuple(members))
    return t


def definitions(roots: list[type[msgspec.Struct]], dialect: Dialect) -> dict[str, Any]:
    """Every definition reachable from ``roots``, by name, sorted."""
    walk = _Walk(dialect)
    for info in mi.multi_type_info(roots):
        walk.named(info)
    while walk.pending:
        t = walk.pending.pop(0)
        walk.found[definition_name(t.cls)] = walk.struct(t)
    return dict(sorted(walk.found.items()))
