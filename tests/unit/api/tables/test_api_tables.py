"""Tables through the API app (in-process, real store): list and get answer
a Table when kubectl's Accept asks for one, plain JSON otherwise — protobuf
Accept headers included, never a 406."""

from __future__ import annotations

from typing import Any

from tests.unit.api.conftest import Api

CMS = "/api/v1/namespaces/default/configmaps"
TABLE = (
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
)
PROTOBUF = "application/vnd.kubernetes.protobuf,application/json"


def configmap(name: str, **data: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


async def test_list_and_get_as_table(api: Api) -> None:
    for name, data in [("a", {"k": "v"}), ("b", {"x": "1", "y": "2"})]:
        assert (await api.client.post(CMS, json=configmap(name, **data))).status_code == 201
    r = await api.client.get(CMS, headers={"Accept": TABLE})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    table = r.json()
    assert (table["apiVersion"], table["kind"]) == ("meta.k8s.io/v1", "Table")
    assert table["metadata"]["resourceVersion"] == str(api.store.resource_version)
    assert [c["name"] for c in table["columnDefinitions"]] == ["Name", "Data", "Age"]
    assert [r["cells"][:2] for r in table["rows"]] == [["a", 1], ["b", 2]]
    assert table["rows"][0]["object"]["kind"] == "PartialObjectMetadata"
    assert table["rows"][0]["object"]["metadata"]["name"] == "a"

    one = (await api.client.get(f"{CMS}/b", headers={"Accept": TABLE})).json()
    stored = (await api.client.get(f"{CMS}/b")).json()
    assert one["kind"] == "Table" and [r["cells"][:2] for r in one["rows"]] == [["b", 2]]
    assert one["metadata"]["resourceVersion"] == stored["metadata"]["resourceVersion"]


async def test_include_object_and_paging(api: Api) -> None:
    for name in "abc":
        assert (await api.client.post(CMS, json=configmap(name))).status_code == 201
    r = await api.client.get(
        CMS, headers={"Accept": TABLE}, params={"limit": "2", "includeObject": "Object"}
    )
    table = r.json()
    assert [row["object"]["kind"] for row in table["rows"]] == ["ConfigMap", "ConfigMap"]
    assert table["metadata"]["continue"]
    rest = await api.client.get(
        CMS,
        headers={"Accept": TABLE},
        params={"continue": table["metadata"]["continue"], "includeObject": "None"},
    )
    assert [(row["cells"][0], row["object"]) for row in rest.json()["rows"]] == [("c", None)]


async def test_plain_json_is_unchanged(api: Api) -> None:
    assert (await api.client.post(CMS, json=configmap("a"))).status_code == 201
    for accept in ("application/json", PROTOBUF, "", "*/*"):
        r = await api.client.get(CMS, headers={"Accept": accept})
        assert r.status_code == 200 and r.json()["kind"] == "ConfigMapList", accept
        r = await api.client.get(f"{CMS}/a", headers={"Accept": accept})
        assert r.status_code == 200 and r.json()["kind"] == "ConfigMap", accept


async def test_every_resource_prints(api: Api) -> None:
    paths = {
        "/api/v1/namespaces": ["Name", "Status"],
        "/api/v1/namespaces/default/pods": ["Name", "Ready"],
        "/api/v1/pods": ["Name", "Ready"],
        "/api/v1/namespaces/default/events": ["Last Seen", "Type"],
        "/api/v1/namespaces/default/secrets": ["Name", "Type"],
        "/api/v1/configmaps": ["Name", "Data"],
    }
    for path, first in paths.items():
        table = (await api.client.get(path, headers={"Accept": TABLE})).json()
        assert table["kind"] == "Table", path
        assert [c["name"] for c in table["columnDefinitions"][:2]] == first, path
    ns = (await api.client.get("/api/v1/namespaces/default", headers={"Accept": TABLE})).json()
    assert ns["rows"][0]["cells"][:2] == ["default", "Active"]


async def test_bad_include_object_is_a_400(api: Api) -> None:
    r = await api.client.get(CMS, headers={"Accept": TABLE}, params={"includeObject": "All"})
    assert r.status_code == 400 and r.json()["reason"] == "BadRequest"
    assert "includeObject" in r.json()["message"]
    # Only a Table reads it.
    assert (await api.client.get(CMS, params={"includeObject": "All"})).status_code == 200


async def test_a_missing_object_is_still_a_404(api: Api) -> None:
    r = await api.client.get(f"{CMS}/nope", headers={"Accept": TABLE})
    assert r.status_code == 404 and r.json()["kind"] == "Status"
