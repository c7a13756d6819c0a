"""Component schemas of the contract beyond what msgspec writes: the rules
the server checks on top of the Struct types, and a tagged union of Structs
(a stream of typed events) as a ``oneOf`` with its discriminator, so that a
generated client gets a model per event type."""

from __future__ import annotations

import typing
from types import UnionType
from typing import Any

import msgspec

from podd.api import openapi_params as qp


def union_members(t: Any) -> list[type]:
    """The Structs of ``A | B | ...``; ``[t]`` for one Struct; ``[]`` for None."""
    if t is None:
        return []
    if isinstance(t, UnionType) or typing.get_origin(t) is typing.Union:
        return list(typing.get_args(t))
    return [t]


def response_schema(t: Any) -> dict[str, Any]:
    """A ``$ref`` to ``t``'s component, or a ``oneOf`` of a tagged union's
    members with the discriminator msgspec decodes them by."""
    members = union_members(t)
    if len(members) == 1:
        return {"$ref": f"#/components/schemas/{members[0].__name__}"}
    mapping: dict[str, str] = {}
    field = "type"
    for cls in members:
        config = cls.__struct_config__  # type: ignore[attr-defined]
        field = config.tag_field
        mapping[str(config.tag)] = f"#/components/schemas/{cls.__name__}"
    return {
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": field, "mapping": mapping},
    }


def _structs(types: list[type]) -> dict[str, type]:
    """Every Struct reachable from ``types``, by component name."""
    found: dict[str, type] = {}

    def walk(info: Any) -> None:
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls.__name__ in found:
                return
            found[info.cls.__name__] = info.cls
            for f in info.fields:
                walk(f.type)
            return
        for attr in ("item_type", "key_type", "value_type"):
            if hasattr(info, attr):
                walk(getattr(info, attr))
        for sub in getattr(info, "types", ()):
            walk(sub)

    for info in msgspec.inspect.multi_type_info(types):
        walk(info)
    return found


def type_meta(cls: type) -> dict[str, list[str]]:
    """The apiVersion and kind values a body of ``cls`` may carry, as the
    decoder checks them (podd.model.codec): its own, or none (empty)."""
    out: dict[str, list[str]] = {}
    for f in msgspec.structs.fields(cls):
        if f.encode_name in ("apiVersion", "kind") and f.default_factory is not msgspec.NODEFAULT:
            out[f.encode_name] = [f.default_factory(), ""]
    if "apiVersion" in out:
        accepted = getattr(cls, "accepted_api_versions", ())
        out["apiVersion"] = [*dict.fromkeys([*accepted, *out["apiVersion"]])]
    return out


def constrain(components: dict[str, Any], types: list[type]) -> None:
    """What the server checks beyond the Struct types: the apiVersion and kind
    of each object, the keys and base64 values of a ConfigMap's and a
    Secret's data, DeleteOptions' values, the grammar of an image to pull."""
    for name, cls in _structs(types).items():
        props = components.get(name, {}).get("properties", {})
        for field, allowed in type_meta(cls).items():
            props[field] = {"type": "string", "enum": allowed}
    base64 = {"type": "string", "contentEncoding": "base64", "pattern": qp.BASE64}
    text = {"type": "string"}
    for name, field, values in (
        ("ConfigMap", "data", text),
        ("ConfigMap", "binaryData", base64),
        ("Secret", "data", base64),
        ("Secret", "stringData", text),
    ):
        props = components.get(name, {}).get("properties", {})
        if field in props:
            keyed = {
                "type": "object",
                "propertyNames": {"pattern": qp.CONFIG_KEY},
                "additionalProperties": values,
            }
            props[field] = {"anyOf": [keyed, {"type": "null"}], "default": None}
    delete = components.get("DeleteOptions", {}).get("properties", {})
    if delete:
        policy = {"type": "string", "enum": qp.PROPAGATION_POLICIES}
        dry_run = {"type": "array", "items": qp.DRY_RUN}
        delete["propagationPolicy"] = {"anyOf": [policy, {"type": "null"}], "default": None}
        delete["dryRun"] = {"anyOf": [dry_run, {"type": "null"}], "default": None}
        # The deprecated orphanDependents and propagationPolicy exclude each other.
        components["DeleteOptions"]["not"] = {
            "required": ["orphanDependents", "propagationPolicy"],
            "properties": {
                "orphanDependents": {"type": "boolean"},
                "propagationPolicy": {"type": "string"},
            },
        }
    watch = components.get("WatchEvent", {}).get("properties", {})
    if watch:
        watch["type"] = {"type": "string", "enum": qp.WATCH_EVENT_TYPES}
        watch["object"] = {"description": "the object; a Status for an ERROR event"}
    pull = components.get("PullRequest", {}).get("properties", {})
    if pull:
        pull["image"] = {"type": "string", "pattern": qp.IMAGE_REFERENCE}
        pull["platform"] = {
            "anyOf": [{"type": "string", "pattern": qp.PLATFORM}, {"type": "null"}],
            "default": None,
        }
