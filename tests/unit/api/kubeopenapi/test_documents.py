"""The Swagger 2.0 and OpenAPI 3.0 documents: the operations podd serves, what
kubectl looks up in them, and the shapes kube-openapi's v2 parser accepts."""

from __future__ import annotations

from typing import Any

import pytest

from podd.api.app import SUBRESOURCES, resource_types
from podd.api.groupversion import CORE, operation_prefix, path_prefix, split
from podd.api.kubeopenapi.documents import swagger, v3_document
from podd.model.codec import APPLY_PATCH, PATCH_MEDIA_TYPES

PODS = "/api/v1/namespaces/{namespace}/pods"
POD = PODS + "/{name}"


def core_types() -> list[Any]:
    """The kinds of the v3 document under test (``api/v1``)."""
    return [rt for rt in resource_types() if rt.api_version == CORE]


@pytest.fixture(scope="module")
def v2() -> dict[str, Any]:
    return swagger(resource_types(), SUBRESOURCES)


@pytest.fixture(scope="module")
def v3() -> dict[str, Any]:
    return v3_document(resource_types(), SUBRESOURCES)


def test_every_resource_type_is_served_with_its_verbs(v2: dict[str, Any]) -> None:
    methods = {"list": "get", "create": "post", "get": "get", "update": "put"}
    methods |= {"patch": "patch", "delete": "delete"}
    for rt in resource_types():
        prefix = path_prefix(rt.api_version)
        base = (
            f"{prefix}/namespaces/{{namespace}}/{rt.plural}"
            if rt.namespaced
            else f"{prefix}/{rt.plural}"
        )
        for verb in rt.verbs:
            if verb == "watch":
                assert v2["paths"][base]["get"]["parameters"][-1]["name"] == "watch"
                continue
            path = base if verb in ("list", "create") else base + "/{name}"
            op = v2["paths"][path][methods[verb]]
            group, version = split(rt.api_version)
            assert op["x-kubernetes-group-version-kind"] == {
                "group": group,
                "kind": rt.kind,
                "version": version,
            }
        if rt.namespaced:
            every = v2["paths"][f"{prefix}/{rt.plural}"]["get"]
            op_id = f"list{operation_prefix(rt.api_version)}{rt.kind}ForAllNamespaces"
            assert every["operationId"] == op_id
    assert v2["paths"][POD + "/status"]["get"]["responses"]["200"]["schema"] == {
        "$ref": "#/definitions/io.k8s.api.core.v1.Pod"
    }
    log = v2["paths"][POD + "/log"]["get"]
    assert log["produces"] == ["text/plain"]
    assert {p["name"] for p in log["parameters"]} >= {"container", "follow", "tailLines"}


def test_patch_operations_take_field_validation(v2: dict[str, Any], v3: dict[str, Any]) -> None:
    """What kubectl's QueryParamVerifier (v2) and V3 look for."""
    for doc, types in ((v2, resource_types()), (v3, core_types())):
        patches = [ops["patch"] for ops in doc["paths"].values() if "patch" in ops]
        assert {p["x-kubernetes-group-version-kind"]["kind"] for p in patches} == {
            rt.kind for rt in types
        }
        for op in patches:
            assert "fieldValidation" in [p["name"] for p in op["parameters"]]
    assert v2["paths"][POD]["patch"]["consumes"] == [*PATCH_MEDIA_TYPES, APPLY_PATCH]
    assert {p["name"] for p in v2["paths"][POD]["patch"]["parameters"]} == {
        "body",
        "dryRun",
        "fieldManager",
        "fieldValidation",
        "force",
    }
    content = v3["paths"][POD]["patch"]["requestBody"]["content"]
    assert "application/strategic-merge-patch+json" in content  # kubectl's v3 SMP check
    post = v3["paths"][PODS]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/io.k8s.api.core.v1.Pod"
    }
    assert [p["name"] for p in v3["paths"][POD]["parameters"]] == ["namespace", "name"]
    assert all(p["required"] for p in v3["paths"][POD]["parameters"])


def test_explain_finds_the_kind_through_a_path_and_the_schema_by_its_gvk(
    v3: dict[str, Any],
) -> None:
    """kubectl explain (v3): a GVK on an operation of /api/v1/.../pods, then the
    component whose GVK list contains it."""
    gvk = v3["paths"][PODS]["get"]["x-kubernetes-group-version-kind"]
    found = [
        name
        for name, schema in v3["components"]["schemas"].items()
        if gvk in schema.get("x-kubernetes-group-version-kind", [])
    ]
    assert found == ["io.k8s.api.core.v1.Pod"]
    assert v3["openapi"] == "3.0.0"


def _kube_openapi_v2_parse(schema: dict[str, Any], where: str, names: set[str]) -> None:
    """kube-openapi's proto.Definitions.ParseSchema rules (pkg/util/proto)."""
    if "$ref" in schema:
        assert "type" not in schema and "properties" not in schema, where
        assert schema["$ref"].removeprefix("#/definitions/") in names, where
        return
    types = schema.get("type")
    assert types is None or isinstance(types, str), where  # one type at most
    if types == "array":
        _kube_openapi_v2_parse(schema["items"], where + "[]", names)
    elif types == "object" or "properties" in schema:
        for field, prop in schema.get("properties", {}).items():
            _kube_openapi_v2_parse(prop, f"{where}.{field}", names)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            _kube_openapi_v2_parse(extra, where + "{}", names)
    elif types is not None:
        assert types in ("string", "number", "integer", "boolean"), where


def test_v2_definitions_parse_as_kube_openapi_parses_them(v2: dict[str, Any]) -> None:
    names = set(v2["definitions"])
    for name, schema in v2["definitions"].items():
        _kube_openapi_v2_parse(schema, name, names)
    for path, ops in v2["paths"].items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            for code, response in op["responses"].items():
                if "schema" in response:
                    _kube_openapi_v2_parse(response["schema"], f"{path} {code}", names)
