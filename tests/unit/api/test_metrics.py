"""metrics.k8s.io/v1beta1 and the read-only Node, served in-process on a real
store: discovery, the shapes metrics-server gives (PodMetrics per container,
NodeMetrics), what is left out while a pod has no two samples, selectors,
tables and the 404s. Usage is read from cgroup-shaped files under tmp_path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from platform import machine

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from podd.api.app import create_app
from podd.api.nodes import go_arch
from podd.config import Settings
from podd.controller.usage import UsageSampler
from podd.model.pod import Pod
from podd.server import ensure_defaults
from podd.services import Services
from podd.store import migrate
from podd.store.events import EventRecorder
from podd.store.repository import Store

METRICS = "/apis/metrics.k8s.io/v1beta1"
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io"
TOKEN = "unit-test-token-0123456789"


@dataclass
class Cgroups:
    pods: dict[str, dict[str, str]] = field(default_factory=dict)

    def running(self) -> list[str]:
        return [leaf for leaves in self.pods.values() for leaf in leaves.values()]

    def containers(self, uid: str) -> dict[str, str]:
        return dict(self.pods.get(uid, {}))

    def pod(self, uid: str) -> str | None:
        leaves = self.pods.get(uid)
        return str(Path(next(iter(leaves.values()))).parent) if leaves else None


@dataclass
class Env:
    client: AsyncTestClient
    store: Store
    cgroups: Cgroups
    sampler: UsageSampler
    root: Path


def _leaf(path: Path, cpu_usec: int, memory: int = 8 << 20) -> str:
    path.mkdir(parents=True, exist_ok=True)
    (path / "cpu.stat").write_text(f"usage_usec {cpu_usec}\n")
    (path / "memory.current").write_text(f"{memory}\n")
    (path / "memory.stat").write_text("inactive_file 0\n")
    return str(path)


def _pod(name: str, uid: str, phase: str = "Running", **labels: str) -> Pod:
    raw = {
        "metadata": {"name": name, "namespace": "default", "uid": uid, "labels": labels},
        "spec": {"containers": [{"name": "app", "image": "busybox"}]},
        "status": {"phase": phase},
    }
    return msgspec.convert(raw, Pod)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    settings = Settings(data_dir=str(tmp_path), runtime_dir=str(tmp_path / "run"))
    await asyncio.to_thread(migrate.upgrade, settings.db_path)
    store = Store(settings.db_path)
    await store.open()
    await ensure_defaults(store)
    svc = Services(settings, store, EventRecorder(store, "kubelet", "node"), node_name="node1")
    cgroups = Cgroups()
    svc.usage = UsageSampler(cgroups, min_gap=0.0)
    svc.ready = True
    try:
        async with AsyncTestClient(app=create_app(svc, token=TOKEN)) as client:
            client.headers["Authorization"] = f"Bearer {TOKEN}"
            yield Env(client, store, cgroups, svc.usage, tmp_path / "cg")
    finally:
        await store.close()


async def test_discovery_lists_the_metrics_group_and_nodes(env: Env) -> None:
    groups = (await env.client.get("/apis")).json()["groups"]
    metrics = next(g for g in groups if g["name"] == "metrics.k8s.io")
    assert metrics["preferredVersion"] == {
        "groupVersion": "metrics.k8s.io/v1beta1",
        "version": "v1beta1",
    }
    resources = (await env.client.get(METRICS)).json()["resources"]
    assert [(r["name"], r["kind"], r["namespaced"], r["verbs"]) for r in resources] == [
        ("nodes", "NodeMetrics", False, ["get", "list"]),
        ("pods", "PodMetrics", True, ["get", "list"]),
    ]
    core = (await env.client.get("/api/v1")).json()["resources"]
    node = next(r for r in core if r["name"] == "nodes")
    assert (node["kind"], node["namespaced"], node["shortNames"]) == ("Node", False, ["no"])


async def test_the_node_is_podds_host(env: Env) -> None:
    nodes = (await env.client.get("/api/v1/nodes")).json()
    assert nodes["kind"] == "NodeList"
    [node] = nodes["items"]
    assert node["metadata"]["name"] == "node1"
    assert node["metadata"]["labels"]["kubernetes.io/hostname"] == "node1"
    alloc = node["status"]["allocatable"]
    assert int(alloc["cpu"]) >= 1 and int(alloc["memory"]) > 0 and alloc["pods"] == "110"
    info = node["status"]["nodeInfo"]  # Go's field names (machineID, systemUUID, bootID)
    assert {"machineID", "systemUUID", "bootID", "kubeletVersion"} <= set(info)
    assert (info["operatingSystem"], info["architecture"]) == ("linux", go_arch(machine()))
    ready = node["status"]["conditions"][0]
    assert (ready["type"], ready["status"]) == ("Ready", "True")
    one = await env.client.get("/api/v1/nodes/node1")
    assert one.status_code == 200 and one.json()["kind"] == "Node"
    missing = await env.client.get("/api/v1/nodes/other")
    assert missing.status_code == 404
    assert missing.json()["message"] == 'nodes "other" not found'
    none = await env.client.get("/api/v1/nodes", params={"labelSelector": "kubernetes.io/os=plan9"})
    assert none.json()["items"] == []
    table = await env.client.get("/api/v1/nodes", headers={"Accept": TABLE})
    columns = [c["name"] for c in table.json()["columnDefinitions"]]
    assert columns[:5] == ["Name", "Status", "Roles", "Age", "Version"]
    assert table.json()["rows"][0]["cells"][:3] == ["node1", "Ready", "<none>"]


async def test_node_metrics_after_two_samples(env: Env) -> None:
    first = await env.client.get(f"{METRICS}/nodes")
    assert first.json() == {
        "kind": "NodeMetricsList",
        "apiVersion": "metrics.k8s.io/v1beta1",
        "metadata": {},
        "items": [],
    }
    [nm] = (await env.client.get(f"{METRICS}/nodes")).json()["items"]
    assert nm["metadata"]["name"] == "node1"
    assert nm["usage"]["cpu"].endswith(("n", "u", "m")) or nm["usage"]["cpu"] == "0"
    assert nm["window"].endswith("s") and nm["timestamp"].endswith("Z")
    missing = await env.client.get(f"{METRICS}/nodes/other")
    assert missing.status_code == 404
    assert missing.json()["message"] == 'nodemetrics.metrics.k8s.io "other" not found'


async def test_pod_metrics_per_container_as_metrics_server(env: Env) -> None:
    await env.store.create("Pod", _pod("web", "u1", app="web"))
    await env.store.create("Pod", _pod("db", "u2", app="db"))
    await env.store.create("Pod", _pod("done", "u3", phase="Succeeded"))
    leaf1, leaf2 = env.root / "u1" / "ctr-app-1", env.root / "u2" / "ctr-app-2"
    env.cgroups.pods = {"u1": {"app": _leaf(leaf1, 0)}, "u2": {"app": _leaf(leaf2, 0)}}
    await env.sampler.tick()
    _leaf(leaf1, 2_000_000, memory=3 << 20)
    _leaf(leaf2, 0)
    listed = (await env.client.get(f"{METRICS}/namespaces/default/pods")).json()
    assert listed["kind"] == "PodMetricsList"
    assert [p["metadata"]["name"] for p in listed["items"]] == ["db", "web"]
    web = listed["items"][1]
    assert web["metadata"]["labels"] == {"app": "web"}
    [app] = web["containers"]
    assert app["name"] == "app" and app["usage"]["memory"] == "3Mi"
    assert app["usage"]["cpu"].endswith("n") or app["usage"]["cpu"].endswith(("u", "m"))
    chosen = await env.client.get(
        f"{METRICS}/namespaces/default/pods", params={"labelSelector": "app=web"}
    )
    assert [p["metadata"]["name"] for p in chosen.json()["items"]] == ["web"]
    every = (await env.client.get(f"{METRICS}/pods")).json()["items"]
    assert len(every) == 2
    one = await env.client.get(f"{METRICS}/namespaces/default/pods/web")
    assert one.status_code == 200 and one.json()["kind"] == "PodMetrics"
    # Not Running, or not sampled: metrics-server's 404 names namespace/name.
    done = await env.client.get(f"{METRICS}/namespaces/default/pods/done")
    assert done.status_code == 404
    assert done.json()["message"] == 'podmetrics.metrics.k8s.io "default/done" not found'
    # No such pod: the pod's own 404, as metrics-server answers.
    gone = await env.client.get(f"{METRICS}/namespaces/default/pods/nope")
    assert gone.status_code == 404 and gone.json()["message"] == 'pods "nope" not found'
    table = await env.client.get(f"{METRICS}/namespaces/default/pods", headers={"Accept": TABLE})
    assert [c["name"] for c in table.json()["columnDefinitions"]] == [
        "Name",
        "cpu",
        "memory",
        "Window",
    ]
    assert table.json()["rows"][1]["cells"][2] == "3Mi"


async def test_a_new_container_hides_its_pod_until_sampled_twice(env: Env) -> None:
    await env.store.create("Pod", _pod("web", "u1"))
    env.cgroups.pods = {"u1": {"app": _leaf(env.root / "a", 0)}}
    # the background tick has not run: the request's sample is the first
    assert (await env.client.get(f"{METRICS}/namespaces/default/pods")).json()["items"] == []
    assert len((await env.client.get(f"{METRICS}/pods")).json()["items"]) == 1


async def test_a_watch_is_refused_and_selectors_are_checked(env: Env) -> None:
    watch = await env.client.get(f"{METRICS}/pods", params={"watch": "true"})
    assert watch.status_code == 405
    bad = await env.client.get(f"{METRICS}/pods", params={"fieldSelector": "spec.nodeName=x"})
    assert bad.status_code == 400
    assert bad.json()["message"] == "field label not supported: spec.nodeName"
