"""The Swagger 2.0 document as gnostic's ``openapi.v2.Document`` protobuf.

client-go fetches ``/openapi/v2`` with ``Accept:
application/com.github.proto-openapi.spec.v2@v1.0+protobuf`` and only ever
parses the answer as that message (``proto.Unmarshal``): JSON there is an
error, and a 406 sends it to ``/swagger-2.0.0.pb-v1``, protobuf too. So podd
encodes the JSON document the way gnostic's compiler maps it (the apiserver's
``ToProtoBinary``), field numbers from ``openapiv2/OpenAPIv2.proto``.

Values the message keeps as ``Any`` (vendor extensions, defaults, enums) are
carried as YAML text; JSON is YAML, so they are written as JSON. A key the
table does not know is an error: a document field this encoder cannot carry
is found by the tests, never dropped on the wire.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from typing import Any

__all__ = ["encode_document"]

Spec = dict[str, tuple[int, str]]  # JSON key -> (field number, kind)

_PRIMITIVE_KEYS = ("type", "format", "items", "collectionFormat", "default")
_LIMITS: Spec = {
    "maximum": (0, "double"),
    "exclusiveMaximum": (1, "bool"),
    "minimum": (2, "double"),
    "exclusiveMinimum": (3, "bool"),
    "maxLength": (4, "int"),
    "minLength": (5, "int"),
    "pattern": (6, "string"),
    "maxItems": (7, "int"),
    "minItems": (8, "int"),
    "uniqueItems": (9, "bool"),
    "enum": (10, "anys"),
    "multipleOf": (11, "double"),
}


def _sub_schema(first: int, *, allow_empty: bool) -> Spec:
    """Query/formData (``allowEmptyValue`` at 5) and path/header parameters
    share one layout after their first four fields."""
    spec: Spec = {
        "required": (1, "bool"),
        "in": (2, "string"),
        "description": (3, "string"),
        "name": (4, "string"),
    }
    if allow_empty:
        spec["allowEmptyValue"] = (5, "bool")
    kinds = ("string", "string", "PrimitivesItems", "string", "any")
    for i, (key, kind) in enumerate(zip(_PRIMITIVE_KEYS, kinds, strict=True)):
        spec[key] = (first + i, kind)
    for key, (offset, kind) in _LIMITS.items():
        spec[key] = (first + 5 + offset, kind)
    return spec


MESSAGES: dict[str, Spec] = {
    "Document": {
        "swagger": (1, "string"),
        "info": (2, "Info"),
        "host": (3, "string"),
        "basePath": (4, "string"),
        "schemes": (5, "strings"),
        "consumes": (6, "strings"),
        "produces": (7, "strings"),
        "paths": (8, "Paths"),
        "definitions": (9, "Definitions"),
        "parameters": (10, "ParameterDefinitions"),
        "security": (12, "*SecurityRequirement"),
        "securityDefinitions": (13, "SecurityDefinitions"),
        "tags": (14, "*Tag"),
        "externalDocs": (15, "ExternalDocs"),
    },
    "Info": {
        "title": (1, "string"),
        "version": (2, "string"),
        "description": (3, "string"),
        "termsOfService": (4, "string"),
    },
    "PathItem": {
        "$ref": (1, "string"),
        "get": (2, "Operation"),
        "put": (3, "Operation"),
        "post": (4, "Operation"),
        "delete": (5, "Operation"),
        "options": (6, "Operation"),
        "head": (7, "Operation"),
        "patch": (8, "Operation"),
        "parameters": (9, "*ParametersItem"),
    },
    "Operation": {
        "tags": (1, "strings"),
        "summary": (2, "string"),
        "description": (3, "string"),
        "externalDocs": (4, "ExternalDocs"),
        "operationId": (5, "string"),
        "produces": (6, "strings"),
        "consumes": (7, "strings"),
        "parameters": (8, "*ParametersItem"),
        "responses": (9, "Responses"),
        "schemes": (10, "strings"),
        "deprecated": (11, "bool"),
        "security": (12, "*SecurityRequirement"),
    },
    "BodyParameter": {
        "description": (1, "string"),
        "name": (2, "string"),
        "in": (3, "string"),
        "required": (4, "bool"),
        "schema": (5, "Schema"),
    },
    "QueryParameterSubSchema": _sub_schema(6, allow_empty=True),
    "FormDataParameterSubSchema": _sub_schema(6, allow_empty=True),
    "PathParameterSubSchema": _sub_schema(5, allow_empty=False),
    "HeaderParameterSubSchema": _sub_schema(5, allow_empty=False),
    "PrimitivesItems": {
        "type": (1, "string"),
        "format": (2, "string"),
        "items": (3, "PrimitivesItems"),
        "collectionFormat": (4, "string"),
        "default": (5, "any"),
        **{key: (6 + offset, kind) for key, (offset, kind) in _LIMITS.items()},
    },
    "Response": {"description": (1, "string"), "schema": (2, "SchemaItem")},
    "JsonReference": {"$ref": (1, "string"), "description": (2, "string")},
    "Schema": {
        "$ref": (1, "string"),
        "format": (2, "string"),
        "title": (3, "string"),
        "description": (4, "string"),
        "default": (5, "any"),
        "multipleOf": (6, "double"),
        "maximum": (7, "double"),
        "exclusiveMaximum": (8, "bool"),
        "minimum": (9, "double"),
        "exclusiveMinimum": (10, "bool"),
        "maxLength": (11, "int"),
        "minLength": (12, "int"),
        "pattern": (13, "string"),
        "maxItems": (14, "int"),
        "minItems": (15, "int"),
        "uniqueItems": (16, "bool"),
        "maxProperties": (17, "int"),
        "minProperties": (18, "int"),
        "required": (19, "strings"),
        "enum": (20, "anys"),
        "additionalProperties": (21, "AdditionalPropertiesItem"),
        "type": (22, "TypeItem"),
        "items": (23, "ItemsItem"),
        "allOf": (24, "*Schema"),
        "properties": (25, "Properties"),
        "discriminator": (26, "string"),
        "readOnly": (27, "bool"),
        "externalDocs": (29, "ExternalDocs"),
        "example": (30, "any"),
    },
    "ApiKeySecurity": {
        "type": (1, "string"),
        "name": (2, "string"),
        "in": (3, "string"),
        "description": (4, "string"),
    },
    "BasicAuthenticationSecurity": {"type": (1, "string"), "description": (2, "string")},
    "Tag": {
        "name": (1, "string"),
        "description": (2, "string"),
        "externalDocs": (3, "ExternalDocs"),
    },
    "ExternalDocs": {"description": (1, "string"), "url": (2, "string")},
}
# Where each message keeps its "x-" keys (repeated NamedAny).
EXTENSIONS = {
    "Document": 16,
    "Info": 7,
    "PathItem": 10,
    "Operation": 13,
    "BodyParameter": 6,
    "QueryParameterSubSchema": 23,
    "FormDataParameterSubSchema": 23,
    "PathParameterSubSchema": 22,
    "HeaderParameterSubSchema": 22,
    "PrimitivesItems": 18,
    "Response": 5,
    "Schema": 31,
    "ApiKeySecurity": 5,
    "BasicAuthenticationSecurity": 3,
    "Tag": 4,
    "ExternalDocs": 3,
}
# JSON objects kept as repeated (name, value) pairs: field, value message, and
# the field of their own "x-" keys (0: none).
NAMED_MAPS: dict[str, tuple[int, str, int]] = {
    "Paths": (2, "PathItem", 1),
    "Definitions": (1, "Schema", 0),
    "Properties": (1, "Schema", 0),
    "ParameterDefinitions": (1, "Parameter", 0),
    "Responses": (1, "ResponseValue", 2),
    "SecurityDefinitions": (1, "SecurityDefinitionsItem", 0),
    "SecurityRequirement": (1, "StringArray", 0),
}
_SECURITY = {"basic": 1, "apiKey": 2}
_NON_BODY = {
    "header": (1, "HeaderParameterSubSchema"),
    "formData": (2, "FormDataParameterSubSchema"),
    "query": (3, "QueryParameterSubSchema"),
    "path": (4, "PathParameterSubSchema"),
}


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1  # negative int64s as ten bytes, as protobuf does
    out = bytearray()
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _tag(number: int, wire: int) -> bytes:
    return _varint(number << 3 | wire)


def _bytes(number: int, data: bytes) -> bytes:
    return _tag(number, 2) + _varint(len(data)) + data


def _text(number: int, value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return _bytes(number, value.encode()) if value else b""


def _any(value: Any) -> bytes:
    return _text(2, json.dumps(value, sort_keys=False))  # Any.yaml


def _named(number: int, name: str, value: bytes) -> bytes:
    return _bytes(number, _text(1, name) + _bytes(2, value))


def _field(number: int, kind: str, value: Any) -> bytes:
    if kind == "string":
        return _text(number, value)
    if kind == "strings":
        return b"".join(_bytes(number, v.encode()) for v in value)
    if kind == "bool":
        return _tag(number, 0) + b"\x01" if value else b""
    if kind == "int":
        return _tag(number, 0) + _varint(int(value)) if value else b""
    if kind == "double":
        return _tag(number, 1) + struct.pack("<d", float(value)) if value else b""
    if kind == "any":
        return _bytes(number, _any(value))
    if kind == "anys":
        return b"".join(_bytes(number, _any(v)) for v in value)
    if kind.startswith("*"):
        return b"".join(_bytes(number, message(kind[1:], v)) for v in value)
    return _bytes(number, message(kind, value))


def _struct(name: str, value: dict[str, Any]) -> bytes:
    spec, ext = MESSAGES[name], EXTENSIONS.get(name)
    parts: list[tuple[int, bytes]] = []
    for key, item in value.items():
        if key in spec:
            number, kind = spec[key]
            parts.append((number, _field(number, kind, item)))
        elif key.startswith("x-") and ext is not None:
            parts.append((ext, _named(ext, key, _any(item))))
        else:
            raise ValueError(f"{name} has no field for {key!r}")
    return b"".join(data for _, data in sorted(parts, key=lambda p: p[0]))


def _named_map(name: str, value: dict[str, Any]) -> bytes:
    number, kind, ext = NAMED_MAPS[name]
    out = b""
    for key, item in value.items():
        if ext and key.startswith("x-"):
            out += _named(ext, key, _any(item))
        else:
            out += _named(number, key, message(kind, item))
    return out


def _parameter(value: dict[str, Any]) -> bytes:
    if value.get("in") == "body":
        return _bytes(1, message("BodyParameter", value))
    number, kind = _NON_BODY[value["in"]]
    return _bytes(2, _bytes(number, message(kind, value)))


def _response_value(value: dict[str, Any]) -> bytes:
    if "$ref" in value:
        return _bytes(2, message("JsonReference", value))
    return _bytes(1, message("Response", value))


def _security_item(value: dict[str, Any]) -> bytes:
    kind = str(value.get("type"))
    if kind not in _SECURITY:
        raise ValueError(f"security definitions of type {kind!r} are not encoded")
    number = _SECURITY[kind]
    name = "BasicAuthenticationSecurity" if number == 1 else "ApiKeySecurity"
    return _bytes(number, message(name, value))


ONEOFS: dict[str, Callable[[Any], bytes]] = {
    "ParametersItem": lambda v: (
        _bytes(2, message("JsonReference", v)) if "$ref" in v else _bytes(1, _parameter(v))
    ),
    "Parameter": _parameter,
    "ResponseValue": _response_value,
    "SchemaItem": lambda v: _bytes(1, message("Schema", v)),
    "AdditionalPropertiesItem": lambda v: (
        _tag(2, 0) + _varint(int(v)) if isinstance(v, bool) else _bytes(1, message("Schema", v))
    ),
    "SecurityDefinitionsItem": _security_item,
    "TypeItem": lambda v: _field(1, "strings", [v] if isinstance(v, str) else v),
    "ItemsItem": lambda v: _field(1, "*Schema", [v] if isinstance(v, dict) else v),
    "StringArray": lambda v: _field(1, "strings", v),
}


def message(name: str, value: Any) -> bytes:
    """The encoding of ``value`` (a JSON value) as message ``name``."""
    if name in ONEOFS:
        return ONEOFS[name](value)
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be an object, not {value!r}")
    if name in NAMED_MAPS:
        return _named_map(name, value)
    return _struct(name, value)


def encode_document(doc: dict[str, Any]) -> bytes:
    """A Swagger 2.0 document (JSON value) as ``openapi.v2.Document``."""
    return message("Document", doc)
