"""dryRun on every write: validated, checked as a real write would be, nothing stored."""

from __future__ import annotations

from typing import Any

from tests.unit.api.conftest import Api

NS = "/api/v1/namespaces"
CMS = "/api/v1/namespaces/default/configmaps"
PODS = "/api/v1/namespaces/default/pods"
DRY = {"dryRun": "All"}
MERGE = {"Content-Type": "application/merge-patch+json"}


def configmap(name: str, **data: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


def pod(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "main", "image": "busybox"}]},
    }


async def stored_rv(api: Api) -> int:
    return api.store.resource_version


async def test_dry_run_create_answers_the_object_and_stores_nothing(api: Api) -> None:
    before = await stored_rv(api)
    r = await api.client.post(CMS, json=configmap("a", k="v"), params=DRY)
    assert r.status_code == 201, r.text
    assert r.json()["metadata"]["uid"] and r.json()["data"] == {"k": "v"}
    assert (await api.client.get(f"{CMS}/a")).status_code == 404
    assert await stored_rv(api) == before


async def test_dry_run_create_of_an_existing_name_is_409(api: Api) -> None:
    assert (await api.client.post(CMS, json=configmap("a"))).status_code == 201
    r = await api.client.post(CMS, json=configmap("a"), params=DRY)
    assert r.status_code == 409 and r.json()["reason"] == "AlreadyExists"


async def test_invalid_dry_run_values_are_refused_on_every_write(api: Api) -> None:
    assert (await api.client.post(CMS, json=configmap("a", k="v"))).status_code == 201
    before = await stored_rv(api)
    bad = {"dryRun": "xyz"}
    calls = [
        ("CreateOptions", api.client.post(CMS, json=configmap("b"), params=bad)),
        ("UpdateOptions", api.client.put(f"{CMS}/a", json=configmap("a", k="w"), params=bad)),
        (
            "PatchOptions",
            api.client.patch(f"{CMS}/a", content=b'{"data":{"k":"w"}}', headers=MERGE, params=bad),
        ),
        ("DeleteOptions", api.client.delete(f"{CMS}/a", params=bad)),
    ]
    for kind, call in calls:
        r = await call
        assert r.status_code == 422, (kind, r.text)
        status = r.json()
        assert status["reason"] == "Invalid"
        assert status["message"] == (
            f'{kind}.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["xyz"]: '
            'supported values: "All"'
        )
        assert status["details"]["causes"][0]["field"] == "dryRun"
    assert (await api.client.get(f"{CMS}/b")).status_code == 404
    assert (await api.client.get(f"{CMS}/a")).json()["data"] == {"k": "v"}
    assert await stored_rv(api) == before


async def test_dry_run_update_and_patch_store_nothing(api: Api) -> None:
    created = (await api.client.post(CMS, json=configmap("a", k="v"))).json()
    before = await stored_rv(api)
    r = await api.client.put(f"{CMS}/a", json=configmap("a", k="put"), params=DRY)
    assert r.status_code == 200 and r.json()["data"] == {"k": "put"}
    r = await api.client.patch(
        f"{CMS}/a", content=b'{"data":{"k":"patched"}}', headers=MERGE, params=DRY
    )
    assert r.status_code == 200 and r.json()["data"] == {"k": "patched"}
    current = (await api.client.get(f"{CMS}/a")).json()
    assert current == created
    assert await stored_rv(api) == before


async def test_dry_run_update_still_checks_the_resource_version(api: Api) -> None:
    await api.client.post(CMS, json=configmap("a", k="v"))
    stale = configmap("a", k="w")
    stale["metadata"]["resourceVersion"] = "1"
    r = await api.client.put(f"{CMS}/a", json=stale, params=DRY)
    assert r.status_code == 409 and r.json()["reason"] == "Conflict"
    stale["metadata"]["resourceVersion"] = "not-a-number"
    r = await api.client.put(f"{CMS}/a", json=stale)
    assert r.status_code == 409 and r.json()["reason"] == "Conflict"


async def test_dry_run_delete_keeps_the_real_protections(api: Api) -> None:
    r = await api.client.delete(f"{NS}/default", params=DRY)
    assert r.status_code == 403 and r.json()["reason"] == "Forbidden"
    r = await api.client.delete(f"{NS}/default")
    assert r.status_code == 403


async def test_dry_run_delete_of_a_namespace_leaves_it_active(api: Api) -> None:
    await api.client.post(NS, json={"metadata": {"name": "team"}})
    before = await stored_rv(api)
    r = await api.client.delete(f"{NS}/team", params=DRY)
    assert r.status_code == 200 and r.json()["status"]["phase"] == "Terminating"
    assert (await api.client.get(f"{NS}/team")).json()["status"]["phase"] == "Active"
    assert await stored_rv(api) == before


async def test_dry_run_delete_of_a_pod_stores_nothing(api: Api) -> None:
    await api.client.post(PODS, json=pod("p"))
    before = await stored_rv(api)
    r = await api.client.delete(f"{PODS}/p", params=DRY)
    assert r.status_code == 200, r.text
    assert r.json()["metadata"]["deletionTimestamp"]  # what the real delete would answer
    r = await api.client.delete(f"{PODS}/p", params={**DRY, "gracePeriodSeconds": "0"})
    assert r.status_code == 200, r.text
    current = (await api.client.get(f"{PODS}/p")).json()
    assert "deletionTimestamp" not in current["metadata"]
    assert await stored_rv(api) == before


async def test_dry_run_delete_in_the_body(api: Api) -> None:
    await api.client.post(CMS, json=configmap("a"))
    r = await api.client.request("DELETE", f"{CMS}/a", json={"dryRun": ["All"]})
    assert r.status_code == 200
    assert (await api.client.get(f"{CMS}/a")).status_code == 200
    r = await api.client.request("DELETE", f"{CMS}/a", json={"dryRun": ["Everything"]})
    assert r.status_code == 422
    assert (await api.client.get(f"{CMS}/a")).status_code == 200


async def test_negative_grace_period_deletes_with_one_second(api: Api) -> None:
    await api.client.post(PODS, json=pod("p"))
    r = await api.client.delete(f"{PODS}/p", params={"gracePeriodSeconds": "-5"})
    assert r.status_code == 200, r.text
    assert r.json()["metadata"]["deletionGracePeriodSeconds"] == 1
