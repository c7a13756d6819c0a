"""``/openapi/v2`` as gnostic's ``openapi.v2.Document`` protobuf: read back
with a plain wire-format reader, field numbers as in OpenAPIv2.proto."""

from __future__ import annotations

import json
import struct
from collections import defaultdict
from typing import Any

import pytest
import yaml

from podd.api.app import SUBRESOURCES, resource_types
from podd.api.kubeopenapi.documents import swagger
from podd.api.kubeopenapi.protobuf import encode_document, message

Fields = dict[int, list[Any]]  # field number -> values (bytes, int or float)


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i += 1
        if not byte & 0x80:
            return value, i
        shift += 7


def fields(data: bytes) -> Fields:
    """One message's fields; length-delimited values stay bytes."""
    out: Fields = defaultdict(list)
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(data, i)
            out[number].append(value)
        elif wire == 1:
            out[number].append(struct.unpack("<d", data[i : i + 8])[0])
            i += 8
        elif wire == 2:
            size, i = _varint(data, i)
            out[number].append(data[i : i + size])
            i += size
        else:
            raise AssertionError(f"unexpected wire type {wire}")
    assert i == len(data)
    return out


def text(f: Fields, number: int) -> str:
    return f[number][0].decode()


def named(f: Fields, number: int) -> dict[str, bytes]:
    """A repeated Named* field (name 1, value 2) as a dict."""
    out = {}
    for entry in f[number]:
        pair = fields(entry)
        out[text(pair, 1)] = pair[2][0] if pair[2] else b""
    return out


def extensions(f: Fields, number: int) -> dict[str, Any]:
    """Vendor extensions: NamedAny whose Any keeps YAML text (field 2)."""
    return {k: yaml.safe_load(text(fields(v), 2)) for k, v in named(f, number).items()}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return swagger(resource_types(), SUBRESOURCES)


@pytest.fixture(scope="module")
def pb(doc: dict[str, Any]) -> Fields:
    return fields(encode_document(doc))


def test_document_header(pb: Fields, doc: dict[str, Any]) -> None:
    assert text(pb, 1) == "2.0"
    info = fields(pb[2][0])
    assert text(info, 1) == doc["info"]["title"] and text(info, 2) == doc["info"]["version"]
    security = fields(named(fields(pb[13][0]), 1)["BearerToken"])
    api_key = fields(security[2][0])  # SecurityDefinitionsItem.api_key_security
    assert (text(api_key, 1), text(api_key, 2), text(api_key, 3)) == (
        "apiKey",
        "authorization",
        "header",
    )


def test_definitions_keep_types_refs_and_extensions(pb: Fields, doc: dict[str, Any]) -> None:
    defs = named(fields(pb[9][0]), 1)
    assert list(defs) == list(doc["definitions"])
    pod = fields(defs["io.k8s.api.core.v1.Pod"])
    assert text(pod, 4) == doc["definitions"]["io.k8s.api.core.v1.Pod"]["description"]
    assert [v.decode() for v in fields(pod[22][0])[1]] == ["object"]  # TypeItem
    assert extensions(pod, 31)["x-kubernetes-group-version-kind"] == [
        {"group": "", "kind": "Pod", "version": "v1"}
    ]
    props = named(fields(pod[25][0]), 1)
    assert list(props) == ["apiVersion", "kind", "metadata", "spec", "status"]
    spec = fields(props["spec"])
    assert text(spec, 1) == "#/definitions/io.k8s.api.core.v1.PodSpec" and 22 not in spec

    podspec = named(fields(fields(defs["io.k8s.api.core.v1.PodSpec"])[25][0]), 1)
    containers = fields(podspec["containers"])
    items = fields(fields(containers[23][0])[1][0])  # ItemsItem.schema[0]
    assert text(items, 1) == "#/definitions/io.k8s.api.core.v1.Container"
    ext = extensions(containers, 31)
    assert ext["x-kubernetes-patch-merge-key"] == "name"
    assert ext["x-kubernetes-patch-strategy"] == "merge"
    assert ext["x-kubernetes-list-map-keys"] == ["name"]
    limits = fields(
        named(fields(fields(defs["io.k8s.api.core.v1.ResourceRequirements"])[25][0]), 1)["limits"]
    )
    quantity = fields(fields(limits[21][0])[1][0])  # AdditionalPropertiesItem.schema
    assert text(quantity, 1) == "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"
    event = fields(defs["io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent"])
    assert [v.decode() for v in event[19]] == ["type", "object"]  # required


def test_the_patch_operation_says_kind_media_and_field_validation(pb: Fields) -> None:
    paths = named(fields(pb[8][0]), 2)
    item = fields(paths["/api/v1/namespaces/{namespace}/pods/{name}"])
    patch = fields(item[8][0])
    assert text(patch, 5) == "patchCoreV1NamespacedPod"
    assert "application/strategic-merge-patch+json" in [v.decode() for v in patch[7]]
    assert extensions(patch, 13)["x-kubernetes-group-version-kind"] == {
        "group": "",
        "kind": "Pod",
        "version": "v1",
    }
    query = []
    for entry in patch[8]:  # ParametersItem.parameter
        parameter = fields(fields(entry)[1][0])
        if 2 in parameter:  # NonBodyParameter
            sub = fields(parameter[2][0])
            query += [fields(v) for v in sub[3]]  # QueryParameterSubSchema
        else:
            body = fields(parameter[1][0])  # BodyParameter
            assert (text(body, 2), text(body, 3), body[4]) == ("body", "body", [1])
    by_name = {text(q, 4): q for q in query}
    assert set(by_name) == {"dryRun", "fieldManager", "fieldValidation", "force"}
    assert text(by_name["force"], 6) == "boolean"
    assert (text(by_name["fieldValidation"], 2), text(by_name["fieldValidation"], 6)) == (
        "query",
        "string",
    )
    assert by_name["fieldValidation"][20] == [1]  # uniqueItems
    path_params = [fields(fields(fields(e)[1][0])[2][0]) for e in item[9]]
    names = [text(fields(p[4][0]), 4) for p in path_params]  # PathParameterSubSchema
    assert names == ["namespace", "name"]
    assert all(fields(p[4][0])[1] == [1] for p in path_params)  # required
    responses = named(fields(patch[9][0]), 1)
    ok = fields(fields(responses["200"])[1][0])  # ResponseValue.response
    assert text(ok, 1) == "OK"
    schema = fields(fields(ok[2][0])[1][0])  # SchemaItem.schema
    assert text(schema, 1) == "#/definitions/io.k8s.api.core.v1.Pod"


def test_every_definition_encodes_what_its_json_says(doc: dict[str, Any]) -> None:
    """Round trip of the scalar parts: descriptions, formats, refs, extensions."""
    for name, schema in doc["definitions"].items():
        got = fields(message("Schema", schema))
        assert text(got, 4) == schema["description"], name
        for field, prop in schema.get("properties", {}).items():
            p = fields(message("Schema", prop))
            if "$ref" in prop:
                assert text(p, 1) == prop["$ref"]
            if "format" in prop:
                assert text(p, 2) == prop["format"]
            ext = {k: v for k, v in prop.items() if k.startswith("x-")}
            assert (extensions(p, 31) if ext else {}) == ext, (name, field)


def test_values_proto3_leaves_out_and_what_it_keeps() -> None:
    assert message("Schema", {"description": "", "uniqueItems": False}) == b""
    got = fields(message("Schema", {"maxLength": 300, "minimum": -1.5, "readOnly": True}))
    assert got == {11: [300], 9: [-1.5], 27: [1]}
    assert fields(message("Schema", {"properties": {}}))[25] == [b""]  # present, empty
    enum = fields(message("Schema", {"enum": ["a", 1], "default": {"k": "é"}}))
    assert [json.loads(text(fields(v), 2)) for v in enum[20]] == ["a", 1]
    assert yaml.safe_load(text(fields(enum[5][0]), 2)) == {"k": "é"}
    assert fields(message("Schema", {"additionalProperties": False}))[21] == [b"\x10\x00"]
    ref = fields(message("ParametersItem", {"$ref": "#/parameters/x"}))
    assert text(fields(ref[2][0]), 1) == "#/parameters/x"


def test_a_key_with_no_field_is_an_error_not_dropped() -> None:
    with pytest.raises(ValueError, match="Schema has no field for 'nullable'"):
        message("Schema", {"type": "string", "nullable": True})
    with pytest.raises(ValueError, match="not encoded"):
        message("SecurityDefinitionsItem", {"type": "oauth2", "flow": "implicit"})
