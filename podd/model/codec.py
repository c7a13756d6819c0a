"""Request bodies, decoded the way the Kubernetes apiserver decodes them.

:func:`decode_body` is the one entry point for POST/PUT bodies::

    pod, warnings = decode_body(body, request.headers.get("content-type", ""), Pod,
                                field_validation="Strict")

1. :func:`load_body` parses JSON (``application/json``, ``*/*`` or no type) or
   YAML (``application/yaml``, ``application/x-yaml``, ``text/yaml``); a syntax
   error is a :class:`BodyError` (400), another type an
   :class:`UnsupportedMediaTypeError` (415). The top level must be an object.
   Before and after parsing, :mod:`podd.model.limits` bounds what the body
   may cost: nesting deeper than 100 levels is a 400, a YAML body using more
   than 1,000 aliases a 400, one expanding past 1.5 MiB a 413.
2. ``apiVersion``/``kind``, when present, must be the type's (400 otherwise).
3. Unknown fields are found by walking the raw tree against the Struct type:
   ``Strict`` raises :class:`StrictDecodingError` (400 BadRequest, worded as
   the apiserver words it: ``Pod in version "v1" cannot be handled as a Pod:
   strict decoding error: unknown field "spec.foo", unknown field "spec.bar"``;
   after a patch only ``strict decoding error: ...``),
   ``Warn`` drops them and returns ``unknown field "spec.foo"`` warnings,
   ``Ignore`` drops them silently. ``null`` for a field that cannot be null
   means "unset", as in Go.
4. ``msgspec.convert(..., strict=True)``; a type error becomes an
   :class:`InvalidError` whose cause names the field
   (``spec.containers[0].ports[0].containerPort``). The object, encoded as
   podd stores it, may not exceed 1.5 MiB (413, as etcd's request limit).

For PATCH, :func:`patch_object` applies the body to the current object's JSON
and :func:`decode_raw` then does steps 2-4 on the result.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

import msgspec
import yaml
from msgspec import inspect as mi

from podd.model.base import encode
from podd.model.convertcause import cause_from
from podd.model.errors import BodyError, InvalidError, PatchError, UnsupportedMediaTypeError
from podd.model.limits import (
    TooLargeError,
    check_depth,
    check_object_size,
    check_yaml,
    too_deep,
)
from podd.model.patch import apply_json_patch as _apply_json_patch
from podd.model.patch import (
    apply_merge_patch,
    apply_strategic_merge_patch,
)
from podd.model.protokinds import message_for
from podd.model.protowire import PROTOBUF, decode_object
from podd.model.protowire import type_meta as proto_type_meta
from podd.model.typeinfo import is_nullable, resolve, struct_fields, type_of

__all__ = [
    "BODY_MEDIA_TYPES",
    "DEFAULT_FIELD_VALIDATION",
    "PATCH_MEDIA_TYPES",
    "FieldValidation",
    "StrictDecodingError",
    "apply_json_patch",
    "apply_merge_patch",
    "apply_strategic_merge_patch",
    "decode_body",
    "decode_raw",
    "load_body",
    "load_patch",
    "media_type",
    "parse_field_validation",
    "patch_object",
]

T = TypeVar("T", bound=msgspec.Struct)
FieldValidation = Literal["Strict", "Warn", "Ignore"]
DEFAULT_FIELD_VALIDATION: FieldValidation = "Strict"

_JSON_TYPES = frozenset({"", "*/*", "application/json", "application/*"})
_YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
BODY_MEDIA_TYPES = ("application/json", "application/yaml")
MERGE_PATCH = "application/merge-patch+json"
JSON_PATCH = "application/json-patch+json"
STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json"
APPLY_PATCH = "application/apply-patch+yaml"
PATCH_MEDIA_TYPES = (JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH)


def media_type(content_type: str | None) -> str:
    """``"Application/JSON; charset=utf-8"`` → ``"application/json"``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def parse_field_validation(value: str | None) -> FieldValidation:
    """The ``fieldValidation`` query parameter; unset means podd's default, Strict."""
    if value is None or value == "":
        return DEFAULT_FIELD_VALIDATION
    if value in ("Strict", "Warn", "Ignore"):
        return value  # type: ignore[return-value]
    raise BodyError(
        f'invalid fieldValidation "{value}": must be one of "Ignore", "Strict" or "Warn"'
    )


class StrictDecodingError(BodyError):
    """Unknown fields under fieldValidation=Strict (400 BadRequest).

    The apiserver's words: ``runtime.NewStrictDecodingError`` joins the
    fields' errors; a create or update wraps that in ``transformDecodeError``
    (``<Kind> in version "<version>" cannot be handled as a <Kind>: ...``, the
    version without its group), a patch answers it bare."""

    def __init__(
        self, errors: list[str], kind: str | None, api_version: str | None, *, patched: bool
    ) -> None:
        self.errors = errors
        text = "strict decoding error: " + ", ".join(errors)
        if kind and not patched:
            version = (api_version or "").rpartition("/")[2]
            text = f'{kind} in version "{version}" cannot be handled as a {kind}: {text}'
        super().__init__(text)


# ---------------------------------------------------------------- parsing


# Timestamps stay RFC 3339 strings (the model's type); "=" stays a string
# (PyYAML would otherwise fail on it).
_DROPPED_TAGS = frozenset({"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"})


def _make_yaml_loader() -> Any:
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        """libyaml's safe loader with podd's implicit resolvers."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


_YamlLoader = _make_yaml_loader()


def _parse_json(body: bytes) -> Any:
    try:
        value = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise BodyError(f"json parse error: {exc}") from None
    except RecursionError:  # msgspec stops near Python's recursion limit
        raise too_deep() from None
    check_depth(value)
    return value


def _parse_yaml(body: bytes) -> Any:
    try:
        check_yaml(body, _YamlLoader)  # depth, aliases, expansion: before anything is built
        value = yaml.load(body, Loader=_YamlLoader)  # a safe loader (libyaml SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise BodyError(f"yaml parse error: {where}{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise BodyError(f"yaml parse error: {exc}") from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise BodyError(f"yaml parse error: {exc}") from None
    check_depth(value)  # aliases nest anchors inside anchors
    return value


def load_body(body: bytes, content_type: str | None) -> dict[str, Any]:
    """Parse a JSON or YAML request body into a dict (see module docs for errors)."""
    mt = media_type(content_type)
    if mt in _JSON_TYPES:
        parse = _parse_json
    elif mt in _YAML_TYPES:
        parse = _parse_yaml
    else:
        raise UnsupportedMediaTypeError(mt, BODY_MEDIA_TYPES)
    if not body.strip():
        raise BodyError("the request body is empty")
    raw = parse(body)
    if not isinstance(raw, dict):
        raise BodyError(f"the request body must be an object, not {_json_type(raw)}")
    return raw


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# --------------------------------------------------------------- decoding


def _type_meta(typ: type[msgspec.Struct]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(apiVersion, kind, accepted apiVersions) from the Struct's defaults."""
    values: dict[str, str] = {}
    for fi in msgspec.structs.fields(typ):
        if fi.encode_name in ("apiVersion", "kind") and fi.default_factory is not msgspec.NODEFAULT:
            values[fi.encode_name] = fi.default_factory()
    api_version, kind = values.get("apiVersion"), values.get("kind")
    accepted = getattr(typ, "accepted_api_versions", (api_version,) if api_version else ())
    return api_version, kind, tuple(accepted)


def _check_type_meta(raw: dict[str, Any], typ: type[msgspec.Struct]) -> None:
    api_version, kind, accepted = _type_meta(typ)
    have_version, have_kind = raw.get("apiVersion"), raw.get("kind")
    if isinstance(have_version, str) and have_version and accepted and have_version not in accepted:
        raise BodyError(
            f"the API version in the data ({have_version}) does not match the expected "
            f"API version ({api_version})"
        )
    if isinstance(have_kind, str) and have_kind and kind and have_kind != kind:
        raise BodyError(
            f"the kind in the data ({have_kind}) does not match the expected kind ({kind})"
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _walk(value: Any, t: mi.Type | None, path: str, unknown: list[str]) -> Any:
    """A copy of ``value`` without unknown fields (collected in ``unknown``) or null fields."""
    t = resolve(t, value)
    if isinstance(t, mi.StructType) and isinstance(value, dict):
        fields = struct_fields(t.cls)
        out: dict[Any, Any] = {}
        for key, item in value.items():
            ft = fields.get(key) if isinstance(key, str) else None
            if ft is None:
                unknown.append(_join(path, str(key)))
                continue
            if item is None and not is_nullable(ft):
                continue
            out[key] = _walk(item, ft, _join(path, key), unknown)
        return out
    if isinstance(t, mi.ListType) and isinstance(value, list):
        return [_walk(v, t.item_type, f"{path}[{i}]", unknown) for i, v in enumerate(value)]
    if isinstance(t, mi.DictType) and isinstance(value, dict):
        return {k: _walk(v, t.value_type, f"{path}[{k}]", unknown) for k, v in value.items()}
    return value


def _name_of(raw: dict[str, Any]) -> str | None:
    meta = raw.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else None


def decode_raw(
    raw: dict[str, Any],
    typ: type[T],
    field_validation: FieldValidation | str | None = DEFAULT_FIELD_VALIDATION,
    *,
    patched: bool = False,
) -> tuple[T, list[str]]:
    """Steps 2-4 of :func:`decode_body` on an already parsed object; ``raw`` is not modified.

    ``field_validation`` is Strict, Warn or Ignore (None or "" = Strict); any
    other value is a :class:`BodyError`. ``patched``: ``raw`` is the result of
    a patch (its unknown fields are worded as the apiserver's patch words them).
    """
    mode = parse_field_validation(field_validation)
    if not isinstance(raw, dict):
        raise BodyError(f"the object must be an object, not {_json_type(raw)}")
    check_depth(raw)  # a patch result is as deep as its parts together
    _check_type_meta(raw, typ)
    unknown: list[str] = []
    cleaned = _walk(raw, type_of(typ), "", unknown)
    warnings: list[str] = []
    if unknown:
        errors = [f'unknown field "{p}"' for p in unknown]
        if mode == "Strict":
            api_version, kind, _ = _type_meta(typ)
            raise StrictDecodingError(errors, kind, api_version, patched=patched)
        if mode == "Warn":
            warnings = errors
    try:
        obj = msgspec.convert(cleaned, typ, strict=True)
    except msgspec.ValidationError as exc:
        raise InvalidError([cause_from(str(exc), cleaned)], name=_name_of(raw)) from None
    check_object_size(len(encode(obj)))
    return obj, warnings


def decode_body(
    body: bytes,
    content_type: str | None,
    typ: type[T],
    field_validation: FieldValidation | str | None = DEFAULT_FIELD_VALIDATION,
    *,
    patched: bool = False,
) -> tuple[T, list[str]]:
    """Decode a POST/PUT body (or a patch's result: ``patched``) into ``typ``:
    ``(object, warnings)``. See the module docs."""
    if media_type(content_type) == PROTOBUF:  # kubectl >= 1.32's typed clients
        message = message_for(*_type_meta(typ)[:2])
        if message is not None:
            _check_type_meta(proto_type_meta(body), typ)  # before reading it as that kind
            return decode_raw(decode_object(body, message), typ, field_validation)
    return decode_raw(load_body(body, content_type), typ, field_validation, patched=patched)


# ----------------------------------------------------------------- patch


# The apiserver's maxJSONPatchOperations. A copy can double the document, so
# the size is checked after each; each check costs a pass over the document,
# so copies are few (the apiserver caps the bytes copied, at 3 MiB).
MAX_JSON_PATCH_OPS = 10_000
MAX_JSON_PATCH_COPIES = 10


def apply_json_patch(target: Any, ops: Any) -> Any:
    """RFC 6902 (:func:`podd.model.patch.apply_json_patch`), never building a
    document larger than an object may be: 30 copies of a document into itself
    would be 2^30 times its size."""
    if not isinstance(ops, list):
        return _apply_json_patch(target, ops)  # its own error
    if len(ops) > MAX_JSON_PATCH_OPS:
        raise TooLargeError(
            f"The allowed number of operations in a JSON patch is {MAX_JSON_PATCH_OPS}, "
            f"got {len(ops)}"
        )
    copies = [i for i, op in enumerate(ops) if isinstance(op, dict) and op.get("op") == "copy"]
    if len(copies) > MAX_JSON_PATCH_COPIES:
        raise TooLargeError(
            f"a JSON patch may copy at most {MAX_JSON_PATCH_COPIES} times, got {len(copies)}"
        )
    doc, start = target, 0
    try:
        for end in copies:
            doc = _apply_json_patch(doc, ops[start : end + 1])
            check_object_size(len(encode(doc)), "patched object")
            start = end + 1
        return _apply_json_patch(doc, ops[start:])
    except PatchError:
        # Numbered from the first operation: the same operations in one go
        # fail the same way, the document no larger than the run that failed.
        return _apply_json_patch(target, ops)


def load_patch(body: bytes, content_type: str | None) -> tuple[str, Any]:
    """A PATCH body's media type and parsed document; 415 for server-side apply
    and other types, 400 (as :func:`load_body`) for what does not parse."""
    mt = media_type(content_type)
    if mt not in PATCH_MEDIA_TYPES:
        raise UnsupportedMediaTypeError(mt, PATCH_MEDIA_TYPES)
    if not body.strip():
        raise BodyError("the request body is empty")
    return mt, _parse_json(body)


def patch_object(
    current: dict[str, Any], body: bytes, content_type: str | None, typ: type[msgspec.Struct]
) -> dict[str, Any]:
    """Apply a PATCH body to ``current`` (the object's JSON); the result is still raw.

    Decode the result with :func:`decode_raw` (which also reports unknown
    fields the patch introduced, and checks its depth and size).
    """
    mt, patch = load_patch(body, content_type)
    if mt == JSON_PATCH:
        result = apply_json_patch(current, patch)
    elif mt == MERGE_PATCH:
        result = apply_merge_patch(current, patch)
    else:
        result = apply_strategic_merge_patch(current, patch, typ)
    if not isinstance(result, dict):
        raise BodyError(f"the patched object must be an object, not {_json_type(result)}")
    return result
