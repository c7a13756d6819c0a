"""Pods over the real API: create (JSON, YAML), read, list, select, update,
patch, delete — against a real ``podd serve`` on a unix socket."""

from __future__ import annotations

import json

import yaml

from tests.integration.api.helpers import seed_pod, simple_pod, wait_gone
from tests.podd_process import PoddProcess

PODS = "/api/v1/namespaces/default/pods"


def test_create_json_then_get(podd: PoddProcess) -> None:
    with podd.client() as c:
        r = c.post(PODS, json=seed_pod())
        assert r.status_code == 201, r.text
        pod = r.json()
        assert pod["apiVersion"] == "v1" and pod["kind"] == "Pod"
        meta = pod["metadata"]
        assert meta["namespace"] == "default" and meta["name"] == "web"
        assert len(meta["uid"]) == 36 and int(meta["resourceVersion"]) > 0
        assert meta["creationTimestamp"].endswith("Z")
        assert pod["status"]["phase"] == "Pending"
        cond = {c["type"]: c["status"] for c in pod["status"]["conditions"]}
        assert cond == {"PodScheduled": "True"}
        # Defaults filled the way the apiserver fills them.
        spec = pod["spec"]
        assert spec["restartPolicy"] == "Always"
        assert spec["terminationGracePeriodSeconds"] == 5
        assert spec["dnsPolicy"] == "ClusterFirst"
        web = spec["containers"][0]
        assert web["imagePullPolicy"] == "IfNotPresent"
        assert web["ports"][0]["protocol"] == "TCP"
        assert web["terminationMessagePath"] == "/dev/termination-log"
        assert pod["status"]["qosClass"] == "Burstable"
        got = c.get(f"{PODS}/web")
        assert got.status_code == 200
        assert got.json() == pod
        status = c.get(f"{PODS}/web/status")
        assert status.status_code == 200 and status.json()["metadata"]["uid"] == meta["uid"]


def test_create_yaml(podd: PoddProcess) -> None:
    body = yaml.safe_dump(simple_pod("from-yaml", {"app": "y"}))
    with podd.client() as c:
        r = c.post(PODS, content=body, headers={"Content-Type": "application/yaml"})
        assert r.status_code == 201, r.text
        assert r.json()["metadata"]["labels"] == {"app": "y"}
        assert c.get(f"{PODS}/from-yaml").json()["spec"]["containers"][0]["command"] == [
            "sleep",
            "3600",
        ]


def test_generate_name(podd: PoddProcess) -> None:
    body = simple_pod("")
    body["metadata"] = {"generateName": "job-"}
    with podd.client() as c:
        r = c.post(PODS, json=body)
        assert r.status_code == 201, r.text
        name = r.json()["metadata"]["name"]
        assert name.startswith("job-") and len(name) == len("job-") + 5


def test_list_with_label_and_field_selectors(podd: PoddProcess) -> None:
    with podd.client() as c:
        for name, labels in [
            ("a1", {"app": "a", "tier": "web"}),
            ("a2", {"app": "a"}),
            ("b1", {"app": "b", "tier": "db"}),
        ]:
            assert c.post(PODS, json=simple_pod(name, labels)).status_code == 201

        def names(**params: str) -> list[str]:
            r = c.get(PODS, params=params)
            assert r.status_code == 200, r.text
            assert r.json()["kind"] == "PodList"
            return [p["metadata"]["name"] for p in r.json()["items"]]

        assert names() == ["a1", "a2", "b1"]
        assert names(labelSelector="app=a") == ["a1", "a2"]
        assert names(labelSelector="app==a,tier") == ["a1"]
        assert names(labelSelector="app!=a") == ["b1"]
        assert names(labelSelector="tier in (web, db)") == ["a1", "b1"]
        assert names(labelSelector="tier notin (web)") == ["a2", "b1"]
        assert names(labelSelector="!tier") == ["a2"]
        assert names(fieldSelector="metadata.name=a2") == ["a2"]
        assert names(fieldSelector="status.phase=Pending,metadata.name!=a1") == ["a2", "b1"]
        assert names(fieldSelector="metadata.namespace=default", labelSelector="app=b") == ["b1"]
        assert names(fieldSelector="status.phase=Running") == []
        bad = c.get(PODS, params={"fieldSelector": "spec.containers=x"})
        assert bad.status_code == 400 and bad.json()["reason"] == "BadRequest"
        bad = c.get(PODS, params={"labelSelector": "app in (a"})
        assert bad.status_code == 400
        # All namespaces.
        r = c.get("/api/v1/pods")
        assert [p["metadata"]["name"] for p in r.json()["items"]] == ["a1", "a2", "b1"]


def test_list_pagination(podd: PoddProcess) -> None:
    with podd.client() as c:
        for i in range(5):
            assert c.post(PODS, json=simple_pod(f"p{i}")).status_code == 201
        seen: list[str] = []
        params = {"limit": "2"}
        for _ in range(5):
            page = c.get(PODS, params=params).json()
            seen += [p["metadata"]["name"] for p in page["items"]]
            token = page["metadata"].get("continue")
            if not token:
                break
            params = {"limit": "2", "continue": token}
        assert seen == [f"p{i}" for i in range(5)]


def test_delete_then_not_found(podd: PoddProcess) -> None:
    with podd.client() as c:
        created = c.post(PODS, json=simple_pod("gone")).json()
        r = c.delete(f"{PODS}/gone")
        assert r.status_code == 200, r.text
        assert r.json()["metadata"]["uid"] == created["metadata"]["uid"]
        assert r.json()["metadata"]["deletionTimestamp"]
        wait_gone(c, f"{PODS}/gone")
        r = c.get(f"{PODS}/gone")
        assert r.status_code == 404
        status = r.json()
        assert status["kind"] == "Status" and status["reason"] == "NotFound"
        assert status["message"] == 'pods "gone" not found'
        assert status["details"] == {"name": "gone", "kind": "pods"}
        assert c.delete(f"{PODS}/gone").status_code == 404
        # Grace period 0 removes the object at once.
        c.post(PODS, json=simple_pod("now"))
        r = c.delete(f"{PODS}/now", params={"gracePeriodSeconds": "0"})
        assert r.status_code == 200 and c.get(f"{PODS}/now").status_code == 404


def test_delete_preconditions(podd: PoddProcess) -> None:
    with podd.client() as c:
        c.post(PODS, json=simple_pod("pre"))
        r = c.request("DELETE", f"{PODS}/pre", json={"preconditions": {"uid": "nope"}})
        assert r.status_code == 409 and r.json()["reason"] == "Conflict"
        assert c.get(f"{PODS}/pre").status_code == 200


def test_namespace_must_exist(podd: PoddProcess) -> None:
    with podd.client() as c:
        r = c.post("/api/v1/namespaces/nope/pods", json=simple_pod("x"))
        assert r.status_code == 404 and r.json()["message"] == 'namespaces "nope" not found'
        body = simple_pod("x")
        body["metadata"]["namespace"] = "other"
        r = c.post(PODS, json=body)
        assert r.status_code == 400 and "does not match the namespace" in r.json()["message"]


def test_update_rules(podd: PoddProcess) -> None:
    with podd.client() as c:
        pod = c.post(PODS, json=simple_pod("upd", {"v": "1"})).json()
        rv = pod["metadata"]["resourceVersion"]
        # Image and labels may change.
        pod["spec"]["containers"][0]["image"] = "busybox:1.37"
        pod["metadata"]["labels"] = {"v": "2"}
        r = c.put(f"{PODS}/upd", json=pod)
        assert r.status_code == 200, r.text
        new = r.json()
        assert new["spec"]["containers"][0]["image"] == "busybox:1.37"
        assert int(new["metadata"]["resourceVersion"]) > int(rv)
        assert new["metadata"]["generation"] == 2
        # A stale resourceVersion is a Conflict.
        pod["metadata"]["labels"] = {"v": "3"}
        r = c.put(f"{PODS}/upd", json=pod)
        assert r.status_code == 409 and r.json()["reason"] == "Conflict"
        # Other spec fields are immutable.
        new["spec"]["containers"][0]["command"] = ["true"]
        r = c.put(f"{PODS}/upd", json=new)
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["reason"] == "Invalid"
        assert any(cause["field"] == "spec" for cause in body["details"]["causes"])
        assert c.get(f"{PODS}/upd").json()["spec"]["containers"][0]["command"] == ["sleep", "3600"]


def test_patch_kinds(podd: PoddProcess) -> None:
    with podd.client() as c:
        c.post(PODS, json=simple_pod("pat", {"a": "1"}))
        merge = {"Content-Type": "application/merge-patch+json"}
        r = c.patch(
            f"{PODS}/pat",
            content=json.dumps({"metadata": {"labels": {"b": "2", "a": None}}}),
            headers=merge,
        )
        assert r.status_code == 200, r.text
        assert r.json()["metadata"]["labels"] == {"b": "2"}
        jp = {"Content-Type": "application/json-patch+json"}
        ops = [
            {"op": "replace", "path": "/spec/containers/0/image", "value": "busybox:2"},
            {"op": "add", "path": "/metadata/annotations", "value": {"x": "y"}},
        ]
        r = c.patch(f"{PODS}/pat", content=json.dumps(ops), headers=jp)
        assert r.status_code == 200, r.text
        assert r.json()["spec"]["containers"][0]["image"] == "busybox:2"
        assert r.json()["metadata"]["annotations"] == {"x": "y"}
        smp = {"Content-Type": "application/strategic-merge-patch+json"}
        r = c.patch(
            f"{PODS}/pat",
            content=json.dumps({"spec": {"containers": [{"name": "main", "image": "busybox:3"}]}}),
            headers=smp,
        )
        assert r.status_code == 200, r.text
        containers = r.json()["spec"]["containers"]
        assert len(containers) == 1 and containers[0]["image"] == "busybox:3"
        assert containers[0]["command"] == ["sleep", "3600"]
        # A patch touching an immutable field is refused whole.
        bad = [{"op": "replace", "path": "/spec/restartPolicy", "value": "Never"}]
        r = c.patch(f"{PODS}/pat", content=json.dumps(bad), headers=jp)
        assert r.status_code == 422
        r = c.patch(f"{PODS}/pat", content=b"{}", headers={"Content-Type": "text/plain"})
        assert r.status_code == 415 and r.json()["reason"] == "UnsupportedMediaType"
        assert c.get(f"{PODS}/pat").json()["spec"]["restartPolicy"] == "Always"


def test_dry_run_stores_nothing(podd: PoddProcess) -> None:
    with podd.client() as c:
        r = c.post(PODS, json=simple_pod("dry"), params={"dryRun": "All"})
        assert r.status_code == 201 and r.json()["metadata"]["name"] == "dry"
        assert c.get(f"{PODS}/dry").status_code == 404


def test_scheduled_event(podd: PoddProcess) -> None:
    with podd.client() as c:
        uid = c.post(PODS, json=simple_pod("ev")).json()["metadata"]["uid"]
        r = c.get(
            "/api/v1/namespaces/default/events", params={"fieldSelector": "involvedObject.name=ev"}
        )
        assert r.status_code == 200, r.text
        events = r.json()["items"]
        assert [e["reason"] for e in events] == ["Scheduled"]
        ev = events[0]
        assert ev["involvedObject"]["uid"] == uid and ev["type"] == "Normal"
        assert ev["count"] == 1 and ev["source"]["component"] == "default-scheduler"
