"""Schemas generated from podd's Structs: Kubernetes names and kinds, wire
field names, the patch keys podd merges by, descriptions everywhere."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from podd.api.app import resource_types
from podd.api.kubeopenapi.docs import field_description, type_description
from podd.api.kubeopenapi.documents import roots
from podd.api.kubeopenapi.names import definition_name, group_version_kinds
from podd.api.kubeopenapi.schemas import V2, V3, definitions
from podd.api.tables.table import Table
from podd.model.container import Container, EphemeralContainer
from podd.model.listtypes import MERGE_KEYS, PRIMITIVE_MERGE
from podd.model.pod import Pod, PodList
from podd.model.probe import HTTPGetAction, HTTPHeader
from podd.model.status import DeleteOptions, WatchEvent

CORE = "io.k8s.api.core.v1."
META = "io.k8s.apimachinery.pkg.apis.meta.v1."


@pytest.fixture(scope="module")
def v2() -> dict[str, Any]:
    return definitions(roots(resource_types()), V2)


@pytest.fixture(scope="module")
def v3() -> dict[str, Any]:
    return definitions(roots(resource_types()), V3)


def test_names_are_the_kubernetes_ones(v2: dict[str, Any]) -> None:
    for name in ("Pod", "PodList", "PodSpec", "Container", "Namespace", "Event", "ConfigMap"):
        assert CORE + name in v2
    for name in ("ObjectMeta", "ListMeta", "Status", "DeleteOptions", "WatchEvent", "Table"):
        assert META + name in v2
    assert "io.k8s.apimachinery.pkg.util.intstr.IntOrString" in v2
    assert "io.k8s.apimachinery.pkg.api.resource.Quantity" in v2
    assert definition_name(Pod) == CORE + "Pod"
    with pytest.raises(ValueError, match="models no Kubernetes type"):
        definition_name(msgspec.Struct)


def test_group_version_kinds_come_from_the_structs(v2: dict[str, Any]) -> None:
    gvk = "x-kubernetes-group-version-kind"
    assert v2[CORE + "Pod"][gvk] == [{"group": "", "kind": "Pod", "version": "v1"}]
    assert v2[CORE + "PodList"][gvk] == [{"group": "", "kind": "PodList", "version": "v1"}]
    assert group_version_kinds(DeleteOptions) == [
        {"group": "", "kind": "DeleteOptions", "version": "v1"},
        {"group": "meta.k8s.io", "kind": "DeleteOptions", "version": "v1"},
    ]
    assert group_version_kinds(Table) == [
        {"group": "meta.k8s.io", "kind": "Table", "version": "v1"}
    ]
    assert {"group": "", "kind": "WatchEvent", "version": "v1"} in group_version_kinds(WatchEvent)
    assert gvk not in v2[CORE + "PodSpec"] and gvk not in v2[META + "ObjectMeta"]
    for rt in resource_types():  # every kind podd serves, and its list
        assert v2[definition_name(rt.struct)][gvk][0]["kind"] == rt.kind
        assert v2[definition_name(rt.list_struct)][gvk][0]["kind"] == rt.list_kind


def test_properties_are_the_wire_fields(v2: dict[str, Any]) -> None:
    for cls in (Pod, PodList, Container, EphemeralContainer):
        props = v2[definition_name(cls)]["properties"]
        assert list(props) == [f.encode_name for f in msgspec.structs.fields(cls)]
    spec = v2[CORE + "PodSpec"]["properties"]
    assert {"hostPID", "hostIPC", "setHostnameAsFQDN"} <= set(spec)
    assert "downwardAPI" in v2[CORE + "Volume"]["properties"]
    assert "continue" in v2[META + "ListMeta"]["properties"]


def test_types(v2: dict[str, Any], v3: dict[str, Any]) -> None:
    container = v2[CORE + "Container"]["properties"]
    assert container["command"] == {
        "description": container["command"]["description"],
        "type": "array",
        "items": {"type": "string"},
        "x-kubernetes-list-type": "atomic",  # podd's apply replaces it whole
    }
    assert container["stdin"]["type"] == "boolean"
    assert v2[CORE + "ContainerPort"]["properties"]["containerPort"]["format"] == "int64"
    port = v2[CORE + "HTTPGetAction"]["properties"]["port"]
    assert port["$ref"] == "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString"
    limits = v2[CORE + "ResourceRequirements"]["properties"]["limits"]
    assert limits["additionalProperties"] == {
        "$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"
    }
    data = v2[CORE + "Secret"]["properties"]["data"]["additionalProperties"]
    assert data == {"type": "string", "format": "byte"}
    assert v2[CORE + "PodSpec"]["properties"]["affinity"]["type"] == "object"
    # v2 writes a reference beside its description; v3 wraps it to keep both.
    assert v2[CORE + "Pod"]["properties"]["spec"]["$ref"] == "#/definitions/" + CORE + "PodSpec"
    spec3 = v3[CORE + "Pod"]["properties"]["spec"]
    assert spec3["allOf"] == [{"$ref": "#/components/schemas/" + CORE + "PodSpec"}]
    assert spec3["description"]
    assert v2[META + "WatchEvent"]["required"] == ["type", "object"]


def test_lists_patch_by_podds_merge_keys(v2: dict[str, Any]) -> None:
    spec = v2[CORE + "PodSpec"]["properties"]
    assert spec["containers"]["x-kubernetes-patch-merge-key"] == "name"
    assert spec["containers"]["x-kubernetes-patch-strategy"] == "merge"
    assert spec["containers"]["x-kubernetes-list-type"] == "map"
    assert spec["containers"]["x-kubernetes-list-map-keys"] == ["name"]
    assert spec["volumes"]["x-kubernetes-patch-strategy"] == "merge,retainKeys"
    container = v2[CORE + "Container"]["properties"]
    assert container["ports"]["x-kubernetes-patch-merge-key"] == "containerPort"
    assert container["ports"]["x-kubernetes-list-map-keys"] == ["containerPort", "protocol"]
    assert container["env"]["x-kubernetes-patch-merge-key"] == "name"
    assert container["volumeMounts"]["x-kubernetes-patch-merge-key"] == "mountPath"
    # EphemeralContainer is a Container: it merges the same way.
    eph = v2[CORE + "EphemeralContainer"]["properties"]
    assert eph["env"]["x-kubernetes-patch-merge-key"] == "name"
    finalizers = v2[META + "ObjectMeta"]["properties"]["finalizers"]
    assert finalizers["x-kubernetes-patch-strategy"] == "merge"
    assert finalizers["x-kubernetes-list-type"] == "set"
    assert "x-kubernetes-patch-merge-key" not in finalizers
    assert "x-kubernetes-patch-strategy" not in container["command"]  # replaced whole
    # Where patch and apply differ, each says its own (podd.model.listtypes).
    host_ips = v2[CORE + "PodStatus"]["properties"]["hostIPs"]
    assert host_ips["x-kubernetes-patch-merge-key"] == "ip"
    assert host_ips["x-kubernetes-list-type"] == "atomic"
    claims = v2[CORE + "ResourceRequirements"]["properties"]["claims"]
    assert claims["x-kubernetes-list-type"] == "map"
    assert "x-kubernetes-patch-strategy" not in claims
    assert spec["nodeSelector"]["x-kubernetes-map-type"] == "atomic"
    assert v2[CORE + "LocalObjectReference"]["x-kubernetes-map-type"] == "atomic"
    assert "x-kubernetes-map-type" not in v2[CORE + "Container"]
    for (cls, field), key in MERGE_KEYS.items():  # every key podd merges by, no other
        prop = v2[definition_name(cls)]["properties"][field]
        assert prop["x-kubernetes-patch-strategy"].startswith("merge")
        if key != PRIMITIVE_MERGE:
            assert prop["x-kubernetes-patch-merge-key"] == key


def test_every_reference_resolves_and_every_field_is_described(
    v2: dict[str, Any], v3: dict[str, Any]
) -> None:
    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    for ref in refs(v2):
        assert ref.removeprefix("#/definitions/") in v2, ref
    for ref in refs(v3):
        assert ref.removeprefix("#/components/schemas/") in v3, ref
    for name, schema in v2.items():
        assert schema["description"], name
        for field, prop in schema.get("properties", {}).items():
            assert prop["description"], (name, field)


def test_descriptions() -> None:
    assert field_description("Container", "image").startswith("Container image name")
    assert field_description("PodList", "items") == "Items is the list of Pod objects."
    assert field_description("Pod", "kind").startswith("Kind is a string value")
    # A field without a written description gets one made from its name.
    assert field_description("SELinuxOptions", "level") == "Level of the SE linux options."
    assert field_description("PodOS", "name") == "Name of the pod OS."
    # A type: the table, else its own docstring (never a base class's), else its name.
    assert type_description(Pod).startswith("Pod is a collection of containers")
    assert type_description(HTTPGetAction).startswith("GET scheme://host:port/path")
    assert type_description(HTTPHeader) == "HTTP header."


def test_an_unknown_union_is_an_error_not_a_guess() -> None:
    class Odd(msgspec.Struct):
        value: int | bool = 0

    Odd.__module__ = "podd.model.odd"
    with pytest.raises(ValueError, match="no schema for the union"):
        definitions([Odd], V2)
