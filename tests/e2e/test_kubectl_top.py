"""The real kubectl's ``top`` (1.27, 1.32, 1.33) against podd: a pod whose
container spins a cpu shows well over 50m and some memory, per container
with ``--containers``, with its namespace under ``-A``, chosen by ``-l``;
``top node`` shows podd's host against its allocatable; a pod that is not
running yet gives kubectl's "metrics not available yet"."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from podd.model.quantity import parse_quantity
from tests.e2e.conftest import Kubectl, make_kubectl, start_podd, stop_podd, write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

SPIN = {"name": "spin", "command": ["sh", "-c", "while :; do :; done"]}
IDLE = {"name": "idle", "command": ["sleep", "3600"]}
ROW = re.compile(r"^(\S+)\s+(\d+)m\s+(\d+)Mi\s*$")


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Path
    node: str


def _create(c: httpx.Client, ns: str, spec: dict[str, object]) -> None:
    r = c.post(f"/api/v1/namespaces/{ns}/pods", json=spec)
    assert r.status_code == 201, r.text


def _phase(c: httpx.Client, ns: str, name: str) -> str:
    pod = c.get(f"/api/v1/namespaces/{ns}/pods/{name}").json()
    return str(pod.get("status", {}).get("phase", pod))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-top")
    proc = start_podd(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            for ns in ("sys", "waiting"):
                made = c.post("/api/v1/namespaces", json={"metadata": {"name": ns}})
                assert made.status_code == 201, made.text
            busy = pod("busy", image, SPIN, IDLE)
            busy["metadata"]["labels"] = {"app": "busy"}
            _create(c, "default", busy)
            _create(c, "default", pod("calm", image, IDLE))
            _create(c, "sys", pod("sys", image, IDLE))
            # never runs: its image is not in the registry
            _create(c, "waiting", pod("waits", f"{registry.host}/library/nothing:1", IDLE))
            wait_running(c, "busy", "spin")
            wait_running(c, "calm", "idle")
            wait_for("sys/sys Running", lambda: _phase(c, "sys", "sys") == "Running", 60)
            node = c.get("/api/v1/nodes").json()["items"][0]["metadata"]["name"]
        yield Env(proc, kc.path, node)
    finally:
        stop_podd(proc)


@pytest.fixture(params=["1.27", "1.32", "1.33"])
def kubectl(request: pytest.FixtureRequest, env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl(request.param, tmp_path / "home", env.kubeconfig)


@pytest.fixture
def kubectl_any(env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl("1.32", tmp_path / "home", env.kubeconfig)


def _top(k: Kubectl, *args: str, rows: int = 1, timeout: float = 60.0) -> list[str]:
    """``kubectl top …`` once metrics of ``rows`` rows are there (the sampler
    needs two samples of each container: at most one tick, 10 s, after it
    runs)."""
    deadline = time.monotonic() + timeout
    while True:
        out = k.run("top", *args)
        done = out.returncode == 0 and len(out.stdout.splitlines()) > rows
        if done or time.monotonic() > deadline:
            break
        if out.returncode != 0:  # no pod has two samples yet, or the named one has not
            assert "metrics not available yet" in out.stderr or "not found" in out.stderr, (
                out.stderr
            )
        time.sleep(1)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def _cols(line: str) -> list[str]:
    return line.split()


def test_top_pod_shows_a_busy_container_and_memory(kubectl: Kubectl, env: Env) -> None:
    lines = _top(kubectl, "pod", rows=2)
    assert _cols(lines[0]) == ["NAME", "CPU(cores)", "MEMORY(bytes)"]
    rows = {m.group(1): m for m in map(ROW.match, lines[1:]) if m}
    assert set(rows) == {"busy", "calm"}, lines
    assert int(rows["busy"].group(2)) >= 50
    raw = kubectl.run("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/busy")
    assert raw.returncode == 0, raw.stderr
    metrics = json.loads(raw.stdout)
    assert metrics["kind"] == "PodMetrics" and metrics["window"].endswith("s")
    usage = {c["name"]: c["usage"] for c in metrics["containers"]}
    assert set(usage) == {"spin", "idle"}
    assert all(parse_quantity(u["memory"]) > 0 for u in usage.values())
    assert parse_quantity(usage["spin"]["cpu"]) >= parse_quantity("50m")


def test_top_pod_containers(kubectl: Kubectl) -> None:
    lines = _top(kubectl, "pod", "busy", "--containers", rows=2)
    assert _cols(lines[0]) == ["POD", "NAME", "CPU(cores)", "MEMORY(bytes)"]
    rows = {c[1]: c for c in map(_cols, lines[1:])}
    assert set(rows) == {"spin", "idle"}
    assert all(r[0] == "busy" for r in rows.values())
    assert int(rows["spin"][2].removesuffix("m")) >= 50
    assert int(rows["idle"][2].removesuffix("m")) < int(rows["spin"][2].removesuffix("m"))


def test_top_pod_all_namespaces_and_by_label(kubectl: Kubectl) -> None:
    lines = _top(kubectl, "pod", "-A", rows=3)
    assert _cols(lines[0]) == ["NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)"]
    seen = {(c[0], c[1]) for c in map(_cols, lines[1:])}
    # waiting/waits never ran: left out, as metrics-server leaves it out
    assert seen == {("default", "busy"), ("default", "calm"), ("sys", "sys")}
    chosen = _top(kubectl, "pod", "-l", "app=busy")
    assert [_cols(line)[0] for line in chosen[1:]] == ["busy"]


def test_a_pod_not_running_has_no_metrics_yet(kubectl: Kubectl) -> None:
    out = kubectl.run("top", "pod", "-n", "waiting")
    assert out.returncode == 1
    assert out.stderr.strip() == "error: metrics not available yet"
    named = kubectl.run("top", "pod", "waits", "-n", "waiting")
    assert named.returncode == 1
    assert 'podmetrics.metrics.k8s.io "waiting/waits" not found' in named.stderr


def test_top_node_is_podds_host(kubectl: Kubectl, env: Env) -> None:
    lines = _top(kubectl, "node")
    header = _cols(lines[0])
    # kubectl 1.27 prints CPU% and MEMORY%, later ones CPU(%) and MEMORY(%)
    assert [h.replace("(%)", "%") for h in header] == [
        "NAME",
        "CPU(cores)",
        "CPU%",
        "MEMORY(bytes)",
        "MEMORY%",
    ]
    [row] = [_cols(line) for line in lines[1:]]
    name, cpu, cpu_pct, memory, memory_pct = row
    assert name == env.node
    # the busy pod spins one cpu of the host
    assert int(cpu.removesuffix("m")) >= 50 and cpu_pct.endswith("%")
    assert int(memory.removesuffix("Mi")) > 0 and 0 < int(memory_pct.removesuffix("%")) <= 100
    named = _top(kubectl, "node", env.node)
    assert _cols(named[1])[0] == env.node


def test_get_nodes_lists_podds_node(kubectl: Kubectl, env: Env) -> None:
    out = kubectl.run("get", "nodes")
    assert out.returncode == 0, out.stderr
    header, row = out.stdout.splitlines()
    assert _cols(header) == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    assert _cols(row)[:3] == [env.node, "Ready", "<none>"]


def test_podds_stats_view_of_the_busy_pod(kubectl_any: Kubectl) -> None:
    out = kubectl_any.run("get", "--raw", "/podd/v1/namespaces/default/pods/busy/stats")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    containers = {c["name"]: c for c in stats["containers"]}
    assert set(containers) == {"spin", "idle"}
    spin = containers["spin"]
    assert spin["cpuUsageUsec"] > 0 and spin["pids"] >= 1
    # memory.current where the memory controller is delegated, else the RSS sum
    assert spin["memorySource"] in ("memory.current", "rss")
    assert spin["memoryWorkingSetBytes"] > 0
    assert stats["pod"]["cpuUsageUsec"] >= spin["cpuUsageUsec"]
