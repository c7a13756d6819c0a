"""Server-side apply and managedFields against a real podd: the real kubectl
(``apply --server-side``, ``--force-conflicts``, client-side ``apply`` and its
migration) over TLS with the kubeconfig ``podd kubeconfig`` prints, the
official Python client, the raw API's Status objects, and the controller's
status writes leaving managedFields alone."""

from __future__ import annotations

import contextlib
import json
import os
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

NS = "default"
PODS = f"/api/v1/namespaces/{NS}/pods"
CMS = f"/api/v1/namespaces/{NS}/configmaps"
KUBECTL = Path("/usr/bin/kubectl")
APPLY = {"Content-Type": "application/apply-patch+yaml"}
# Never pulls (nothing listens there): the pod stays, its status still moves.
IMAGE = "127.0.0.1:1/library/none"

needs_kubectl = pytest.mark.skipif(not KUBECTL.exists(), reason=f"no {KUBECTL}")


@dataclass
class Cluster:
    podd: PoddProcess
    kubeconfig: Path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    base = tmp_path_factory.mktemp("podd-ssa")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--backoff-max", "4")
    proc.start()
    try:
        out = subprocess.run(
            [sys.executable, "-m", "podd.cli.main", "kubeconfig", "--socket", str(proc.socket)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        kubeconfig = base / "kubeconfig"
        kubeconfig.write_text(out.stdout)
        kubeconfig.chmod(0o600)
        yield Cluster(proc, kubeconfig)
    finally:
        with contextlib.suppress(httpx.HTTPError):
            proc.delete_all_pods()
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def pod(name: str, image: str = f"{IMAGE}:1", **labels: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if labels:
        meta["labels"] = labels
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": "app", "image": image}]},
    }


def configmap(name: str, **data: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


def kubectl(
    cluster: Cluster, tmp_path: Path, *args: str, obj: dict[str, Any] | None = None, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    argv = [str(KUBECTL), "--kubeconfig", str(cluster.kubeconfig)]
    argv += ["--cache-dir", str(tmp_path / "cache"), *args]
    if obj is not None:
        manifest = tmp_path / "manifest.json"
        manifest.write_text(json.dumps(obj))
        argv += ["-f", str(manifest)]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    out = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    if ok:
        assert out.returncode == 0, out.stderr
    return out


def managers(obj: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{e['manager']}/{e['operation']}": e for e in obj["metadata"]["managedFields"]}


def get(cluster: Cluster, path: str) -> dict[str, Any]:
    with cluster.podd.client() as c:
        r = c.get(path)
        assert r.status_code == 200, r.text
        return r.json()


APP = 'k:{"name":"app"}'


# ----------------------------------------------------------------- the API


def test_apply_needs_a_field_manager_and_force_only_with_apply(cluster: Cluster) -> None:
    with cluster.podd.client() as c:
        r = c.patch(f"{CMS}/nope", content=json.dumps(configmap("nope")), headers=APPLY)
        assert r.status_code == 422, r.text
        assert r.json()["message"] == (
            'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: '
            "is required for apply patch"
        )
        r = c.patch(
            f"{CMS}/nope",
            params={"force": "true"},
            content=b"{}",
            headers={"Content-Type": "application/merge-patch+json"},
        )
        assert r.status_code == 422 and "force: Forbidden" in r.json()["message"], r.text
        assert c.get(f"{CMS}/nope").status_code == 404  # nothing stored


def test_apply_creates_updates_prunes_and_conflicts(cluster: Cluster) -> None:
    yaml_body = (
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  a: '1'\n  b: '2'\n"
    )
    with cluster.podd.client() as c:
        r = c.patch(f"{CMS}/api", params={"fieldManager": "tool"}, content=yaml_body, headers=APPLY)
        assert r.status_code == 201, r.text
        (entry,) = r.json()["metadata"]["managedFields"]
        assert entry["manager"] == "tool" and entry["operation"] == "Apply"
        assert entry["fieldsV1"] == {"f:data": {"f:a": {}, "f:b": {}}}
        # someone else takes b by an ordinary update
        r = c.patch(
            f"{CMS}/api",
            params={"fieldManager": "editor"},
            json={"data": {"b": "3"}},
            headers={"Content-Type": "application/merge-patch+json"},
        )
        assert r.status_code == 200, r.text
        assert managers(r.json())["editor/Update"]["fieldsV1"] == {"f:data": {"f:b": {}}}
        # the applier drops a (pruned) and wants b back: a conflict, nothing changed
        body = json.dumps(configmap("api", b="2"))
        r = c.patch(f"{CMS}/api", params={"fieldManager": "tool"}, content=body, headers=APPLY)
        assert r.status_code == 409, r.text
        assert r.json() == {
            "apiVersion": "v1",
            "kind": "Status",
            "metadata": {},
            "status": "Failure",
            "message": 'Apply failed with 1 conflict: conflict with "editor" using v1: .data.b',
            "reason": "Conflict",
            "details": {
                "causes": [
                    {
                        "reason": "FieldManagerConflict",
                        "message": 'conflict with "editor" using v1',
                        "field": ".data.b",
                    }
                ]
            },
            "code": 409,
        }
        assert c.get(f"{CMS}/api").json()["data"] == {"a": "1", "b": "3"}
        r = c.patch(
            f"{CMS}/api",
            params={"fieldManager": "tool", "force": "true"},
            content=body,
            headers=APPLY,
        )
        assert r.status_code == 200, r.text
        got = r.json()
        assert got["data"] == {"b": "2"}
        assert list(managers(got)) == ["tool/Apply"]  # editor owned nothing else


def test_status_writes_leave_managed_fields_alone(cluster: Cluster) -> None:
    with cluster.podd.client() as c:
        r = c.patch(
            f"{PODS}/still", params={"fieldManager": "tool"}, json=pod("still"), headers=APPLY
        )
        assert r.status_code == 201, r.text
        first = r.json()

        def moved() -> dict[str, Any] | None:
            now = c.get(f"{PODS}/still").json()
            waiting = [
                s.get("state", {}).get("waiting", {}).get("reason")
                for s in now["status"].get("containerStatuses", [])
            ]
            pulled = any(w in ("ErrImagePull", "ImagePullBackOff") for w in waiting)
            return now if pulled else None

        later = wait_for("the controller to write the pod's status", moved, timeout=60)
        assert int(later["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])
        assert later["metadata"]["managedFields"] == first["metadata"]["managedFields"]


# --------------------------------------------------------------- kubectl


@needs_kubectl
def test_kubectl_server_side_apply(cluster: Cluster, tmp_path: Path) -> None:
    out = kubectl(cluster, tmp_path, "apply", "--server-side", obj=pod("ssa", app="web", tier="x"))
    assert "pod/ssa serverside-applied" in out.stdout
    live = get(cluster, f"{PODS}/ssa")
    (entry,) = live["metadata"]["managedFields"]
    assert (entry["manager"], entry["operation"]) == ("kubectl", "Apply")
    assert entry["fieldsV1"]["f:metadata"] == {"f:labels": {"f:app": {}, "f:tier": {}}}
    # a new image, one label fewer: updated and pruned
    kubectl(cluster, tmp_path, "apply", "--server-side", obj=pod("ssa", f"{IMAGE}:2", app="web"))
    live = get(cluster, f"{PODS}/ssa")
    assert live["metadata"]["labels"] == {"app": "web"}
    assert live["spec"]["containers"][0]["image"] == f"{IMAGE}:2"


@needs_kubectl
def test_kubectl_conflict_and_force_conflicts(cluster: Cluster, tmp_path: Path) -> None:
    kubectl(cluster, tmp_path, "apply", obj=pod("csa", app="web"))  # client-side
    live = get(cluster, f"{PODS}/csa")
    assert "kubectl-client-side-apply/Update" in managers(live)
    new = pod("csa", f"{IMAGE}:2", app="web")
    out = kubectl(
        cluster, tmp_path, "apply", "--server-side", "--field-manager=other", obj=new, ok=False
    )
    assert out.returncode != 0
    assert (
        'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: '
        '.spec.containers[name="app"].image'
    ) in out.stderr
    kubectl(
        cluster, tmp_path, "apply", "--server-side", "--field-manager=other",
        "--force-conflicts", obj=new,
    )  # fmt: skip
    live = get(cluster, f"{PODS}/csa")
    assert live["spec"]["containers"][0]["image"] == f"{IMAGE}:2"
    # kubectl then folds client-side apply's entry into its own (a JSON patch
    # of managedFields, which podd takes as the apiserver does)
    owned = managers(live)
    assert list(owned) == ["other/Apply"]
    assert "f:image" in owned["other/Apply"]["fieldsV1"]["f:spec"]["f:containers"][APP]
    assert "f:app" in owned["other/Apply"]["fieldsV1"]["f:metadata"]["f:labels"]


@needs_kubectl
def test_client_side_apply_keeps_working_and_migrates(cluster: Cluster, tmp_path: Path) -> None:
    kubectl(cluster, tmp_path, "apply", obj=configmap("csa-cm", a="1", b="2"))
    kubectl(cluster, tmp_path, "apply", obj=configmap("csa-cm", a="1"))  # b pruned by kubectl
    live = get(cluster, f"{CMS}/csa-cm")
    assert live["data"] == {"a": "1"}
    assert "kubectl.kubernetes.io/last-applied-configuration" in live["metadata"]["annotations"]
    # server-side apply as kubectl: what client-side apply set is no conflict
    kubectl(cluster, tmp_path, "apply", "--server-side", obj=configmap("csa-cm", a="9"))
    live = get(cluster, f"{CMS}/csa-cm")
    assert live["data"] == {"a": "9"}
    assert "f:a" in managers(live)["kubectl/Apply"]["fieldsV1"]["f:data"]
    # kubectl edit-style updates are tracked under their own name
    kubectl(cluster, tmp_path, "label", "configmap", "csa-cm", "x=y")
    assert "kubectl-label/Update" in managers(get(cluster, f"{CMS}/csa-cm"))


# -------------------------------------------------- the official client


def test_python_client_apply(cluster: Cluster) -> None:
    kubernetes = pytest.importorskip("kubernetes")
    api_client = kubernetes.config.new_client_from_config(config_file=str(cluster.kubeconfig))
    with api_client:
        v1 = kubernetes.client.CoreV1Api(api_client)
        got = v1.patch_namespaced_pod(
            "py",
            NS,
            pod("py", app="py"),
            field_manager="x",
            _content_type="application/apply-patch+yaml",
        )
        assert got.metadata.labels == {"app": "py"}
        (entry,) = got.metadata.managed_fields
        assert (entry.manager, entry.operation, entry.api_version) == ("x", "Apply", "v1")
        assert entry.fields_v1["f:spec"]["f:containers"][APP] == {
            ".": {},
            "f:image": {},
            "f:name": {},
        }
        got = v1.patch_namespaced_pod(
            "py",
            NS,
            pod("py", f"{IMAGE}:3", app="py"),
            field_manager="x",
            _content_type="application/apply-patch+yaml",
        )
        assert got.spec.containers[0].image == f"{IMAGE}:3"
