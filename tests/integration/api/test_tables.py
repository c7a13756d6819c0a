"""Tables against a real podd with real pods: ``kubectl get pods`` columns and
cells for a running pod, one failing its image pull, a completed one, one
crash-looping and one terminating; a watch as Tables; and the real kubectl
(1.32) printing ``get pods`` and ``-o wide``.

kubectl reaches podd as users do: TLS on 127.0.0.1 with the kubeconfig
``podd kubeconfig`` prints (podd's CA and bearer token).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.pods.helpers import wait_for
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

PODS = "/api/v1/namespaces/default/pods"
TABLE = (
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
)
KUBECTL = Path("/usr/bin/kubectl")
RESTARTS_AGO = re.compile(r"^[1-9]\d* \(\d+s ago\)$")
COLUMNS = ["Name", "Ready", "Status", "Restarts", "Age"]
WIDE = ["IP", "Node", "Nominated Node", "Readiness Gates"]


def pod(name: str, image: str, command: list[str], **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {
            "containers": [{"name": "app", "image": image, "command": command}],
            "terminationGracePeriodSeconds": 2,
            **spec,
        },
    }


def table(c: httpx.Client, path: str = PODS, **params: str) -> dict[str, Any]:
    r = c.get(path, headers={"Accept": TABLE}, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["apiVersion"], body["kind"]) == ("meta.k8s.io/v1", "Table"), body
    return dict(body)


def rows(t: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each row as {column name: cell}, by pod name (plus its conditions)."""
    names = [c["name"] for c in t["columnDefinitions"]]
    out = {}
    for row in t["rows"]:
        cells = dict(zip(names, row["cells"], strict=True))
        cells["conditions"] = row.get("conditions")
        out[cells["Name"]] = cells
    return out


@dataclass
class Cluster:
    podd: PoddProcess
    node: str
    kubeconfig: Path  # what `podd kubeconfig` prints: TLS, podd's CA, a token


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Cluster]:
    base = tmp_path_factory.mktemp("podd-tables")
    proc = PoddProcess(
        base,
        "--listen",
        "127.0.0.1:0",
        "--insecure-registry",
        registry.host,
        "--backoff-initial",
        "1",
        "--backoff-max",
        "4",
    )
    proc.start()
    busybox = f"{registry.host}/library/busybox:1.36"
    try:
        with proc.client(timeout=30) as c:
            for body in [
                pod("running", busybox, ["sleep", "3600"]),
                pod("pull-fails", f"{registry.host}/library/nothing-here:1", ["true"]),
                pod("done", busybox, ["true"], restartPolicy="Never"),
                pod("crashing", busybox, ["false"]),
                # Ignores SIGTERM: stays Terminating for its whole grace period.
                pod(
                    "leaving",
                    busybox,
                    ["sh", "-c", "trap '' TERM; sleep 3600 & wait"],
                    terminationGracePeriodSeconds=300,
                ),
            ]:
                r = c.post(PODS, json=body)
                assert r.status_code == 201, r.text

            def states() -> dict[str, dict[str, Any]] | None:
                got = rows(table(c))
                ok = (
                    got["running"]["Status"] == "Running"
                    and got["running"]["Ready"] == "1/1"
                    and got["leaving"]["Ready"] == "1/1"
                    and got["pull-fails"]["Status"] in ("ErrImagePull", "ImagePullBackOff")
                    and got["done"]["Status"] == "Completed"
                    and RESTARTS_AGO.match(got["crashing"]["Restarts"]) is not None
                )
                return got if ok else None

            wait_for("pods in their states", states, timeout=120)
            r = c.delete(f"{PODS}/leaving")
            assert r.status_code == 200, r.text
        kubeconfig = base / "kubeconfig"
        out = subprocess.run(
            [sys.executable, "-m", "podd.cli.main", "kubeconfig", "--socket", str(proc.socket)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        kubeconfig.write_text(out.stdout)
        kubeconfig.chmod(0o600)
        yield Cluster(proc, socket.gethostname(), kubeconfig)
    finally:
        with contextlib.suppress(httpx.HTTPError), proc.client() as c:
            c.delete(f"{PODS}/leaving", params={"gracePeriodSeconds": "0"})
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def test_pods_list_as_table(cluster: Cluster) -> None:
    with cluster.podd.client() as c:
        plain = c.get(PODS).json()
        t = table(c)
    assert [c["name"] for c in t["columnDefinitions"]] == COLUMNS + WIDE
    assert [c["priority"] for c in t["columnDefinitions"]] == [0] * 5 + [1] * 4
    assert t["metadata"]["resourceVersion"]
    got = rows(t)
    assert sorted(got) == ["crashing", "done", "leaving", "pull-fails", "running"]

    running = got["running"]
    assert (running["Ready"], running["Status"], running["Restarts"]) == ("1/1", "Running", "0")
    assert re.fullmatch(r"\d+[smh](\d+[sm])?", running["Age"]), running["Age"]
    ip = next(p for p in plain["items"] if p["metadata"]["name"] == "running")["status"]["podIP"]
    assert (running["IP"], running["Node"]) == (ip, cluster.node)
    assert (running["Nominated Node"], running["Readiness Gates"]) == ("<none>", "<none>")

    assert got["pull-fails"]["Ready"] == "0/1"
    assert got["pull-fails"]["Status"] in ("ErrImagePull", "ImagePullBackOff")

    done = got["done"]
    assert (done["Ready"], done["Status"], done["Restarts"]) == ("0/1", "Completed", "0")
    assert done["conditions"] == [
        {
            "type": "Completed",
            "status": "True",
            "reason": "Succeeded",
            "message": "The pod has completed successfully.",
        }
    ]
    assert RESTARTS_AGO.match(got["crashing"]["Restarts"])
    assert got["leaving"]["Status"] == "Terminating"

    # Each row's object is the pod's metadata by default.
    obj = t["rows"][0]["object"]
    assert (obj["apiVersion"], obj["kind"]) == ("meta.k8s.io/v1", "PartialObjectMetadata")
    assert obj["metadata"]["uid"] and obj["metadata"]["namespace"] == "default"


def test_one_pod_as_table(cluster: Cluster) -> None:
    with cluster.podd.client() as c:
        stored = c.get(f"{PODS}/done").json()
        t = table(c, f"{PODS}/done", includeObject="Object")
    assert t["metadata"]["resourceVersion"] == stored["metadata"]["resourceVersion"]
    assert [r["cells"][:3] for r in t["rows"]] == [["done", "0/1", "Completed"]]
    assert t["rows"][0]["object"] == stored


def test_protobuf_accept_gets_json(cluster: Cluster) -> None:
    with cluster.podd.client() as c:
        for accept in (
            "application/vnd.kubernetes.protobuf, */*",
            "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io",
        ):
            r = c.get(PODS, headers={"Accept": accept})
            assert r.status_code == 200 and r.json()["kind"] == "PodList", accept


def test_watch_as_table(cluster: Cluster, registry: Registry) -> None:
    """``kubectl get pods -w``: Tables of one row, the header in the first only."""
    events: list[dict[str, Any]] = []
    with cluster.podd.client(timeout=60) as c:
        since = table(c)["metadata"]["resourceVersion"]
        r = c.post(
            PODS,
            json=pod(
                "watched", f"{registry.host}/library/busybox:1.36", ["true"], restartPolicy="Never"
            ),
        )
        assert r.status_code == 201, r.text
        params = {"watch": "true", "resourceVersion": since, "timeoutSeconds": "60"}
        with c.stream("GET", PODS, params=params, headers={"Accept": TABLE}) as stream:
            assert stream.status_code == 200
            for line in stream.iter_lines():
                if not line:
                    continue
                events.append(json.loads(line))
                row = events[-1]["object"]["rows"][0]
                # Succeeded (the row's Completed condition) comes after the
                # container's Completed, in a later status write.
                if row["cells"][0] == "watched" and row.get("conditions"):
                    break
        c.delete(f"{PODS}/watched", params={"gracePeriodSeconds": "0"})
    tables = [e["object"] for e in events]
    mine = [e["type"] for e in events if e["object"]["rows"][0]["cells"][0] == "watched"]
    assert mine[0] == "ADDED" and set(mine[1:]) == {"MODIFIED"}
    assert all(t["kind"] == "Table" and len(t["rows"]) == 1 for t in tables)
    assert [c["name"] for c in tables[0]["columnDefinitions"]] == COLUMNS + WIDE
    assert all(t["columnDefinitions"] is None for t in tables[1:])
    versions = [int(t["metadata"]["resourceVersion"]) for t in tables]
    assert versions == sorted(versions) and versions[0] > int(since)
    last = tables[-1]["rows"][0]
    assert last["cells"][2] == "Completed" and last["conditions"][0]["reason"] == "Succeeded"


def kubectl(cluster: Cluster, tmp_path: Path, *args: str) -> list[list[str]]:
    """kubectl's printed table: a list of cells per line, header first."""
    argv = [str(KUBECTL), "--kubeconfig", str(cluster.kubeconfig)]
    argv += ["--cache-dir", str(tmp_path / "cache"), *args]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    out = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    # kubectl pads columns with at least three spaces; headers hold single ones.
    return [re.split(r"\s{2,}", line.strip()) for line in out.stdout.splitlines() if line]


needs_kubectl = pytest.mark.skipif(not KUBECTL.exists(), reason=f"no {KUBECTL}")


@needs_kubectl
def test_kubectl_get_pods(cluster: Cluster, tmp_path: Path) -> None:
    lines = kubectl(cluster, tmp_path, "get", "pods")
    assert lines[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    got = {line[0]: line for line in lines[1:]}
    assert got["running"][1:4] == ["1/1", "Running", "0"]
    assert got["done"][1:4] == ["0/1", "Completed", "0"]
    assert got["pull-fails"][2] in ("ErrImagePull", "ImagePullBackOff")
    assert got["leaving"][1:3] == ["1/1", "Terminating"]
    assert RESTARTS_AGO.match(got["crashing"][3]), got["crashing"]


@needs_kubectl
def test_kubectl_get_pods_wide(cluster: Cluster, tmp_path: Path) -> None:
    lines = kubectl(cluster, tmp_path, "get", "pods", "-o", "wide")
    assert lines[0] == [
        "NAME",
        "READY",
        "STATUS",
        "RESTARTS",
        "AGE",
        "IP",
        "NODE",
        "NOMINATED NODE",
        "READINESS GATES",
    ]
    got = {line[0]: line for line in lines[1:]}
    with cluster.podd.client() as c:
        ip = c.get(f"{PODS}/running").json()["status"]["podIP"]
    assert got["running"][5:] == [ip, cluster.node, "<none>", "<none>"]
    assert got["pull-fails"][6:] == [cluster.node, "<none>", "<none>"]


@needs_kubectl
def test_kubectl_get_events(cluster: Cluster, tmp_path: Path) -> None:
    lines = kubectl(cluster, tmp_path, "get", "events")
    assert lines[0] == ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    seen = {(line[1], line[2], line[3]) for line in lines[1:]}
    assert ("Normal", "Scheduled", "pod/running") in seen
    assert ("Warning", "Failed", "pod/pull-fails") in seen
