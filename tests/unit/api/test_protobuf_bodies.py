"""Creates in protobuf through the app, as kubectl 1.32's typed clients send
them (``create configmap/secret/namespace/service``): stored and answered in JSON as
a JSON body would be; a kind podd has no message for stays a 415."""

from __future__ import annotations

from tests.unit.api.conftest import Api
from tests.unit.model.test_protowire import CONFIGMAP, NAMESPACE, PROTOBUF, SECRET, SERVICE

HEADERS = {"Content-Type": PROTOBUF, "Accept": f"{PROTOBUF},application/json"}


async def test_kubectl_creates_a_configmap_a_secret_and_a_namespace(api: Api) -> None:
    r = await api.client.post(
        "/api/v1/namespaces/default/configmaps", content=CONFIGMAP, headers=HEADERS
    )
    assert r.status_code == 201, r.text
    assert r.headers["content-type"] == "application/json"
    got = r.json()
    assert (got["data"], got["binaryData"]) == ({"a": "b"}, {"bin": "AP8B"})
    stored = await api.store.get("ConfigMap", "default", "cm1")
    assert stored is not None and b'"binaryData":{"bin":"AP8B"}' in stored.data
    r = await api.client.post("/api/v1/namespaces/default/secrets", content=SECRET, headers=HEADERS)
    assert r.status_code == 201, r.text
    assert (r.json()["data"], r.json()["type"]) == ({"a": "Yg=="}, "Opaque")
    r = await api.client.post("/api/v1/namespaces", content=NAMESPACE, headers=HEADERS)
    assert r.status_code == 201, r.text
    assert r.json()["status"]["phase"] == "Active"


async def test_a_protobuf_create_is_validated_like_json(api: Api) -> None:
    again = await api.client.post("/api/v1/namespaces", content=NAMESPACE, headers=HEADERS)
    assert again.status_code == 201
    twice = await api.client.post("/api/v1/namespaces", content=NAMESPACE, headers=HEADERS)
    assert (twice.status_code, twice.json()["reason"]) == (409, "AlreadyExists")
    wrong = await api.client.post(
        "/api/v1/namespaces/default/secrets", content=CONFIGMAP, headers=HEADERS
    )
    assert (wrong.status_code, wrong.json()["reason"]) == (400, "BadRequest")
    assert "does not match the expected kind" in wrong.json()["message"]


async def test_a_pod_in_protobuf_is_415(api: Api) -> None:
    r = await api.client.post("/api/v1/namespaces/default/pods", content=CONFIGMAP, headers=HEADERS)
    assert (r.status_code, r.json()["reason"]) == (415, "UnsupportedMediaType")


async def test_kubectl_creates_a_service(api: Api) -> None:
    r = await api.client.post(
        "/api/v1/namespaces/default/services", content=SERVICE, headers=HEADERS
    )
    assert r.status_code == 201, r.text
    spec = r.json()["spec"]
    assert [(p["port"], p["targetPort"]) for p in spec["ports"]] == [(80, 8080), (443, "https")]
    assert spec["clusterIP"] and spec["type"] == "ClusterIP"  # allocated, as for JSON
