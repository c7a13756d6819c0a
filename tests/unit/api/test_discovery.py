"""Discovery of every served group: ``/apis`` (APIGroupList), ``/apis/<group>``
(APIGroup), ``/apis/<group>/<version>`` (APIResourceList), as the apiserver
shapes them; the aggregated-discovery Accept answered in the unaggregated form
for groups as for ``/api``; a kind registered with a group's apiVersion is
served under its ``/apis`` path."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from podd.api.app import api_resources
from podd.api.configs import CONFIGMAPS
from podd.api.discovery import api_group_list, discovery_handlers
from podd.api.errors import APIError
from podd.api.groupversion import operation_prefix, path_prefix, tag, v3_key
from podd.api.resources import get_object
from podd.api.routes import resource_handlers
from tests.unit.api.conftest import Api

AGGREGATED = (
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json"
)
VERSION_V1 = {"groupVersion": "authorization.k8s.io/v1", "version": "v1"}


async def test_apis_lists_each_group_with_its_preferred_version(api: Api) -> None:
    r = await api.client.get("/apis")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert (body["kind"], body["apiVersion"]) == ("APIGroupList", "v1")
    groups = {g["name"]: g for g in body["groups"]}
    assert {"authorization.k8s.io", "authentication.k8s.io"} <= set(groups)
    assert groups["authorization.k8s.io"] == {
        "name": "authorization.k8s.io",
        "versions": [VERSION_V1],
        "preferredVersion": VERSION_V1,
    }
    assert "" not in groups  # the core group is /api's


async def test_a_group_and_its_version(api: Api) -> None:
    group = (await api.client.get("/apis/authorization.k8s.io")).json()
    assert group == {
        "kind": "APIGroup",
        "apiVersion": "v1",
        "name": "authorization.k8s.io",
        "versions": [VERSION_V1],
        "preferredVersion": VERSION_V1,
    }
    resources = (await api.client.get("/apis/authorization.k8s.io/v1")).json()
    assert (resources["kind"], resources["groupVersion"]) == (
        "APIResourceList",
        "authorization.k8s.io/v1",
    )
    assert resources["resources"] == [
        {
            "name": "selfsubjectaccessreviews",
            "singularName": "selfsubjectaccessreview",
            "namespaced": False,
            "kind": "SelfSubjectAccessReview",
            "verbs": ["create"],
        },
        {
            "name": "selfsubjectrulesreviews",
            "singularName": "selfsubjectrulesreview",
            "namespaced": False,
            "kind": "SelfSubjectRulesReview",
            "verbs": ["create"],
        },
    ]
    whoami = (await api.client.get("/apis/authentication.k8s.io/v1")).json()
    assert [r["name"] for r in whoami["resources"]] == ["selfsubjectreviews"]


async def test_core_discovery_is_unchanged_and_lists_no_group_kind(api: Api) -> None:
    core = (await api.client.get("/api/v1")).json()
    assert core["groupVersion"] == "v1"
    names = {r["name"] for r in core["resources"]}
    assert {"pods", "pods/status", "namespaces"} <= names
    assert "selfsubjectaccessreviews" not in names
    status = next(r for r in core["resources"] if r["name"] == "pods/status")
    assert status["kind"] == "Pod"


async def test_pod_subresources_are_listed_as_the_apiserver_lists_them(api: Api) -> None:
    core = (await api.client.get("/api/v1")).json()
    subs = {
        r["name"]: (r["kind"], r["verbs"], r["namespaced"], r["singularName"])
        for r in core["resources"]
        if r["name"].startswith("pods/")
    }
    assert subs == {
        "pods/attach": ("PodAttachOptions", ["create", "get"], True, ""),
        "pods/ephemeralcontainers": ("Pod", ["get", "patch", "update"], True, ""),
        "pods/exec": ("PodExecOptions", ["create", "get"], True, ""),
        "pods/log": ("Pod", ["get"], True, ""),
        "pods/portforward": ("PodPortForwardOptions", ["create", "get"], True, ""),
        "pods/status": ("Pod", ["get"], True, ""),
    }
    names = [r["name"] for r in core["resources"]]
    assert names.index("pods") + 1 == names.index("pods/attach")  # right after their kind


async def test_aggregated_accept_gets_the_unaggregated_form_everywhere(api: Api) -> None:
    # client-go reads the answer by its Content-Type: plain JSON makes kubectl
    # fall back to one request per group-version.
    for path, kind in (("/api", "APIVersions"), ("/apis", "APIGroupList")):
        r = await api.client.get(path, headers={"Accept": AGGREGATED})
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/json"
        assert r.json()["kind"] == kind


async def test_unknown_groups_and_versions_are_404(api: Api) -> None:
    for path in ("/apis/apps", "/apis/authorization.k8s.io/v1beta1", "/apis/apps/v1"):
        r = await api.client.get(path)
        assert (r.status_code, r.json()["reason"]) == (404, "NotFound"), path


def test_group_names_as_kubernetes_writes_them() -> None:
    assert path_prefix("v1") == "/api/v1"
    assert path_prefix("discovery.k8s.io/v1") == "/apis/discovery.k8s.io/v1"
    assert v3_key("v1") == "api/v1"
    assert v3_key("authorization.k8s.io/v1") == "apis/authorization.k8s.io/v1"
    assert operation_prefix("v1") == "CoreV1"
    assert operation_prefix("authorization.k8s.io/v1") == "AuthorizationV1"
    assert operation_prefix("rbac.authorization.k8s.io/v1") == "RbacAuthorizationV1"
    assert operation_prefix("apps/v1beta2") == "AppsV1beta2"
    assert tag("v1") == "core_v1"
    assert tag("rbac.authorization.k8s.io/v1") == "rbacAuthorization_v1"


def test_a_group_with_two_versions_prefers_the_first() -> None:
    body = api_group_list(["v1", "example.io/v2", "example.io/v1"])
    assert b'"preferredVersion":{"groupVersion":"example.io/v2","version":"v2"}' in body
    assert body.count(b'"name":"example.io"') == 1


def test_a_stored_kind_of_a_named_group_is_served_under_apis() -> None:
    """One registration (a ResourceType with its apiVersion) serves the kind's
    routes and lists it in discovery: a ConfigMap-shaped kind of a made-up group."""
    rt = replace(CONFIGMAPS, api_version="example.io/v1", kind="Gadget", plural="gadgets")
    paths = {p for h in resource_handlers(rt) for p in h.paths}
    assert "/apis/example.io/v1/namespaces/{namespace:str}/gadgets" in paths
    assert "/apis/example.io/v1/gadgets" in paths  # all namespaces
    app = Litestar(route_handlers=discovery_handlers([*api_resources(), rt], {}))
    with TestClient(app) as client:
        groups = client.get("/apis").json()["groups"]
        assert "example.io" in [g["name"] for g in groups]
        listed = client.get("/apis/example.io/v1").json()
        assert listed["groupVersion"] == "example.io/v1"
        assert [(r["name"], r["kind"], r["namespaced"]) for r in listed["resources"]] == [
            ("gadgets", "Gadget", True)
        ]


async def test_a_missing_object_of_a_group_kind_names_its_group(api: Api) -> None:
    rt = replace(CONFIGMAPS, api_version="example.io/v1", kind="Gadget", plural="gadgets")
    svc: Any = SimpleNamespace(store=api.store)
    with pytest.raises(APIError) as err:
        await get_object(svc, rt, "default", "x")
    status = err.value.status
    assert status.message == 'gadgets.example.io "x" not found'
    assert status.details is not None and status.details.group == "example.io"
