"""The pods/ephemeralcontainers subresource: what it changes, what it refuses."""

from __future__ import annotations

import json
from typing import Any

from tests.unit.api.conftest import Api

PODS = "/api/v1/namespaces/default/pods"
SUB = f"{PODS}/web/ephemeralcontainers"
SMP = {"Content-Type": "application/strategic-merge-patch+json"}
MERGE = {"Content-Type": "application/merge-patch+json"}
JSONPATCH = {"Content-Type": "application/json-patch+json"}


def pod() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "app", "image": "busybox:1.36"}]},
    }


def debugger(name: str = "debugger", **extra: Any) -> dict[str, Any]:
    return {"name": name, "image": "busybox:1.36", "command": ["ps"], **extra}


def add(*ctrs: dict[str, Any]) -> bytes:
    """What kubectl debug sends: a strategic merge patch of the list, merged by name."""
    return json.dumps({"spec": {"ephemeralContainers": list(ctrs)}}).encode()


async def created(api: Api) -> dict[str, Any]:
    r = await api.client.post(PODS, json=pod())
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def causes(r: Any) -> list[tuple[str, str]]:
    return [(c["field"], c["reason"]) for c in r.json()["details"]["causes"]]


async def test_get_answers_the_pod(api: Api) -> None:
    made = await created(api)
    r = await api.client.get(SUB)
    assert r.status_code == 200
    assert r.json()["kind"] == "Pod" and r.json()["metadata"]["uid"] == made["metadata"]["uid"]
    missing = await api.client.get(f"{PODS}/nope/ephemeralcontainers")
    assert missing.status_code == 404 and missing.json()["reason"] == "NotFound"


async def test_strategic_patch_adds_defaulted_and_bumps_the_resource_version(api: Api) -> None:
    made = await created(api)
    r = await api.client.patch(SUB, content=add(debugger(targetContainerName="app")), headers=SMP)
    assert r.status_code == 200, r.text
    got = r.json()
    (ec,) = got["spec"]["ephemeralContainers"]
    assert ec["name"] == "debugger" and ec["targetContainerName"] == "app"
    assert ec["imagePullPolicy"] == "IfNotPresent"
    assert ec["terminationMessagePath"] == "/dev/termination-log"
    assert int(got["metadata"]["resourceVersion"]) > int(made["metadata"]["resourceVersion"])
    assert got["metadata"]["generation"] == 2
    assert got["status"] == made["status"]
    stored = (await api.client.get(f"{PODS}/web")).json()
    assert stored["spec"]["ephemeralContainers"] == got["spec"]["ephemeralContainers"]


async def test_a_second_add_keeps_the_first(api: Api) -> None:
    await created(api)
    assert (await api.client.patch(SUB, content=add(debugger("d1")), headers=SMP)).is_success
    r = await api.client.patch(SUB, content=add(debugger("d2")), headers=SMP)
    assert r.status_code == 200, r.text
    assert [c["name"] for c in r.json()["spec"]["ephemeralContainers"]] == ["d1", "d2"]


async def test_changing_or_removing_an_ephemeral_container_is_forbidden(api: Api) -> None:
    await created(api)
    assert (await api.client.patch(SUB, content=add(debugger()), headers=SMP)).is_success
    changed = await api.client.patch(SUB, content=add(debugger(command=["sh"])), headers=SMP)
    assert changed.status_code == 422 and changed.json()["reason"] == "Invalid"
    assert causes(changed) == [("spec.ephemeralContainers", "FieldValueForbidden")]
    message = changed.json()["message"]
    assert 'existing ephemeral containers "debugger" may not be changed' in message
    removed = await api.client.patch(
        SUB, content=b'{"spec":{"ephemeralContainers":null}}', headers=MERGE
    )
    assert removed.status_code == 422
    assert (
        'existing ephemeral containers "debugger" may not be removed' in removed.json()["message"]
    )
    assert message.startswith('Pod "web" is invalid: ')


async def test_fields_an_ephemeral_container_may_not_have(api: Api) -> None:
    await created(api)
    bad = debugger(
        ports=[{"containerPort": 80}],
        readinessProbe={"exec": {"command": ["true"]}},
        resources={"limits": {"cpu": "1"}},
        lifecycle={"preStop": {"exec": {"command": ["true"]}}},
    )
    r = await api.client.patch(SUB, content=add(bad), headers=SMP)
    assert r.status_code == 422, r.text
    found = causes(r)
    for fld in ("ports", "readinessProbe", "resources", "lifecycle"):
        assert (f"spec.ephemeralContainers[0].{fld}", "FieldValueForbidden") in found
    assert "cannot be set for an Ephemeral Container" in r.text


async def test_names_are_unique_across_every_container_list(api: Api) -> None:
    await created(api)
    r = await api.client.patch(SUB, content=add(debugger("app")), headers=SMP)
    assert r.status_code == 422
    assert ("spec.ephemeralContainers[0].name", "FieldValueDuplicate") in causes(r)
    r = await api.client.patch(SUB, content=add(debugger(targetContainerName="nope")), headers=SMP)
    assert r.status_code == 422
    assert ("spec.ephemeralContainers[0].targetContainerName", "FieldValueNotFound") in causes(r)


async def test_only_ephemeral_containers_change_through_the_subresource(api: Api) -> None:
    made = await created(api)
    body = json.loads(json.dumps(made))
    body["metadata"]["labels"] = {"app": "other"}
    body["spec"]["containers"][0]["image"] = "alpine"
    body["spec"]["ephemeralContainers"] = [debugger()]
    body["status"] = {"phase": "Failed"}
    r = await api.client.put(SUB, json=body)
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["metadata"]["labels"] == {"app": "web"}
    assert got["spec"]["containers"][0]["image"] == "busybox:1.36"
    assert got["status"]["phase"] == "Pending"
    assert [c["name"] for c in got["spec"]["ephemeralContainers"]] == ["debugger"]


async def test_put_with_a_stale_resource_version_is_a_conflict(api: Api) -> None:
    made = await created(api)
    assert (await api.client.patch(SUB, content=add(debugger("d1")), headers=SMP)).is_success
    stale = json.loads(json.dumps(made))  # still the create's resourceVersion
    stale["spec"]["ephemeralContainers"] = [debugger("d2")]  # stale first, then invalid
    r = await api.client.put(SUB, json=stale)
    assert r.status_code == 409 and r.json()["reason"] == "Conflict"


async def test_json_patch_appends(api: Api) -> None:
    await created(api)
    ops = [{"op": "add", "path": "/spec/ephemeralContainers", "value": [debugger()]}]
    r = await api.client.patch(SUB, content=json.dumps(ops).encode(), headers=JSONPATCH)
    assert r.status_code == 200, r.text
    assert r.json()["spec"]["ephemeralContainers"][0]["name"] == "debugger"


async def test_the_pod_itself_cannot_add_them(api: Api) -> None:
    await created(api)
    r = await api.client.patch(f"{PODS}/web", content=add(debugger()), headers=SMP)
    assert r.status_code == 422
    assert causes(r) == [("spec", "FieldValueForbidden")]
    r = await api.client.post(
        PODS,
        json={**pod(), "metadata": {"name": "two"}}
        | {"spec": {**pod()["spec"], "ephemeralContainers": [debugger()]}},
    )
    assert r.status_code == 422


async def test_patching_a_missing_pod_is_not_found(api: Api) -> None:
    r = await api.client.patch(
        f"{PODS}/nope/ephemeralcontainers", content=add(debugger()), headers=SMP
    )
    assert r.status_code == 404 and r.json()["details"]["name"] == "nope"


async def test_discovery_lists_the_subresource(api: Api) -> None:
    r = await api.client.get("/api/v1")
    entry = next(x for x in r.json()["resources"] if x["name"] == "pods/ephemeralcontainers")
    assert sorted(entry["verbs"]) == ["get", "patch", "update"]
    assert entry["kind"] == "Pod"  # it reads and writes Pods
