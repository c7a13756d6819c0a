"""CDI devices through the service, with the real runtime (issue 15): a spec
dir (``--cdi-spec-dir``) whose "devices" are harmless character devices
(/dev/null, /dev/zero) and whose "library" is a file, so everything but a
real GPU runs here: the ``cdi.k8s.io/…`` annotation, an extended resource
allocated per container, Pending ``Insufficient …`` while none is free, the
allocation kept across a SIGKILL of podd."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.cli.cli_helpers import podd_cli
from tests.integration.containers.helpers import exec_, get, logs, pod, status_of, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

FAKE = "podd.test/fake"
GPU = "podd.test/gpu"


def write_specs(spec_dir: Path, library: Path) -> None:
    spec_dir.mkdir()
    library.write_text("not really a library\n")
    fake = {
        "cdiVersion": "0.6.0",
        "kind": FAKE,
        "containerEdits": {
            "env": ["FAKE_DRIVER=1.0"],
            "mounts": [
                {
                    "hostPath": str(library),
                    "containerPath": "/usr/lib/fake/libfake.so.1",
                    "options": ["ro", "nosuid", "nodev", "bind"],
                }
            ],
        },
        "devices": [
            {
                "name": "one",
                "containerEdits": {
                    "env": ["FAKE_DEVICE=one"],
                    "deviceNodes": [{"path": "/dev/fake0", "hostPath": "/dev/null"}],
                },
            }
        ],
    }
    (spec_dir / "fake.json").write_text(json.dumps(fake))
    # YAML, as nvidia-ctk writes it; two "GPUs" for the extended resource.
    gpus = "\n".join(
        f"  - name: '{i}'\n    containerEdits:\n      deviceNodes:\n"
        f"        - path: /dev/fakegpu{i}\n          hostPath: {node}\n"
        for i, node in enumerate(["/dev/null", "/dev/zero"])
    )
    (spec_dir / "gpu.yaml").write_text(f"cdiVersion: 0.5.0\nkind: {GPU}\ndevices:\n{gpus}")


@pytest.fixture
def podd_cdi(
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[PoddProcess]:
    base = tmp_path_factory.mktemp("podd")
    write_specs(base / "cdi", base / "libfake.so.1")
    proc = PoddProcess(
        base, "--insecure-registry", registry.host, "--cdi-spec-dir", str(base / "cdi")
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture
def busybox(registry: Registry) -> str:  # noqa: F811
    return f"{registry.host}/library/busybox:1.36"


def gpu_pod(name: str, image: str, resource: str, n: int) -> dict[str, Any]:
    limits = {"resources": {"limits": {resource: str(n)}}}
    return pod(name, image, {"name": "main", "command": ["sleep", "3600"], **limits})


def scheduled(c: httpx.Client, name: str) -> dict[str, Any]:
    conds = get(c, name)["status"].get("conditions") or []
    return next(cond for cond in conds if cond["type"] == "PodScheduled")


def wait_unschedulable(c: httpx.Client, name: str) -> dict[str, Any]:
    return dict(
        wait_for(
            f"{name} Unschedulable",
            lambda: (s := scheduled(c, name))["status"] == "False" and s,
        )
    )


def test_annotation_gives_the_container_its_device_mounts_and_env(
    podd_cdi: PoddProcess, busybox: str
) -> None:
    script = (
        "test -c /dev/fake0 && echo written > /dev/fake0 && echo wrote;"
        " cat /usr/lib/fake/libfake.so.1; echo env $FAKE_DEVICE $FAKE_DRIVER; sleep 3600"
    )
    body = pod("ann", busybox, {"name": "main", "command": ["sh", "-c", script]})
    body["metadata"]["annotations"] = {"cdi.k8s.io/test": f"{FAKE}=one"}
    with podd_cdi.client() as c:
        assert c.post(PODS, json=body).status_code == 201
        wait_running(c, "ann", "main")
        out = wait_for("the script's output", lambda: "env" in (t := logs(c, "ann")) and t)
        assert "wrote" in out and "not really a library" in out and "env one 1.0" in out
        # The host's /dev/null itself (1:3), bound at the container's path.
        numbers = exec_(c, "ann", "stat", "-c", "%F %t:%T", "/dev/fake0")["stdout"].strip()
        assert numbers == "character special file 1:3"
        info = c.get("/podd/v1/info").json()["devices"]
        assert info["capacity"] == {FAKE: 1, GPU: 2}
        assert info["cdi"]["errors"] == []
        # The Node reports them as a device plugin's resources are reported.
        [node] = c.get("/api/v1/nodes").json()["items"]
        for field in ("capacity", "allocatable"):
            assert node["status"][field][GPU] == "2" and node["status"][field][FAKE] == "1"


def test_bad_and_unknown_cdi_names(podd_cdi: PoddProcess, busybox: str) -> None:
    with podd_cdi.client() as c:
        bad = pod("bad", busybox, {"name": "main", "command": ["true"]})
        bad["metadata"]["annotations"] = {"cdi.k8s.io/x": "not a device"}
        r = c.post(PODS, json=bad)
        assert r.status_code == 422, r.text
        [cause] = r.json()["details"]["causes"]
        assert cause["field"] == "metadata.annotations[cdi.k8s.io/x]"
        assert c.get(f"{PODS}/bad").status_code == 404  # nothing half written

        unknown = pod("unknown", busybox, {"name": "main", "command": ["sleep", "3600"]})
        unknown["metadata"]["annotations"] = {"cdi.k8s.io/x": f"{FAKE}=nine"}
        assert c.post(PODS, json=unknown).status_code == 201

        def waiting() -> dict[str, Any] | None:
            st = status_of(get(c, "unknown"), "main")
            w = (st or {}).get("state", {}).get("waiting") or {}
            return w if w.get("reason") == "CreateContainerConfigError" else None

        w = wait_for("CreateContainerConfigError", waiting)
        assert "CDI device injection failed" in w["message"]
        assert f"{FAKE}=nine" in w["message"]


def test_extended_resource_devices_are_allocated_and_waited_for(
    podd_cdi: PoddProcess, busybox: str
) -> None:
    with podd_cdi.client() as c:
        assert c.post(PODS, json=gpu_pod("gpu-a", busybox, GPU, 1)).status_code == 201
        wait_running(c, "gpu-a", "main")
        listing = exec_(c, "gpu-a", "sh", "-c", "ls /dev | grep fakegpu")["stdout"].split()
        assert listing == ["fakegpu0"]

        # Two asked, one free: Pending, as the scheduler says it.
        assert c.post(PODS, json=gpu_pod("gpu-b", busybox, GPU, 2)).status_code == 201
        cond = wait_unschedulable(c, "gpu-b")
        assert cond["reason"] == "Unschedulable"
        assert cond["message"].startswith(f"0/1 nodes are available: 1 Insufficient {GPU}.")
        pending = get(c, "gpu-b")
        assert pending["status"]["phase"] == "Pending"
        assert not pending["status"].get("containerStatuses")

        # A resource this host has none of at all.
        assert c.post(PODS, json=gpu_pod("nv", busybox, "nvidia.com/gpu", 1)).status_code == 201
        assert "1 Insufficient nvidia.com/gpu" in wait_unschedulable(c, "nv")["message"]
        events = c.get("/api/v1/namespaces/default/events").json()["items"]
        failed = [e for e in events if e["reason"] == "FailedScheduling"]
        assert {e["involvedObject"]["name"] for e in failed} == {"gpu-b", "nv"}
        assert {e["source"]["component"] for e in failed} == {"default-scheduler"}

        info = c.get("/podd/v1/info").json()["devices"]
        assert info["allocated"] == {FAKE: 0, GPU: 1}

        # The holder goes: the waiting pod gets both devices and runs.
        assert c.delete(f"{PODS}/gpu-a").status_code == 200
        wait_running(c, "gpu-b", "main", timeout=90)
        assert scheduled(c, "gpu-b")["status"] == "True"
        listing = exec_(c, "gpu-b", "sh", "-c", "ls /dev | grep fakegpu")["stdout"].split()
        assert listing == ["fakegpu0", "fakegpu1"]


def test_allocation_survives_a_sigkill_of_podd(podd_cdi: PoddProcess, busybox: str) -> None:
    with podd_cdi.client() as c:
        assert c.post(PODS, json=gpu_pod("holder", busybox, GPU, 2)).status_code == 201
        wait_running(c, "holder", "main")
    podd_cdi.kill()
    podd_cdi.start()
    with podd_cdi.client() as c:
        # The restarted podd still knows both devices are held.
        assert c.post(PODS, json=gpu_pod("late", busybox, GPU, 1)).status_code == 201
        assert "Insufficient" in wait_unschedulable(c, "late")["message"]
        held = c.get("/podd/v1/info").json()["devices"]
        assert held["allocated"] == {FAKE: 0, GPU: 2}
        assert held["waiting"] == [get(c, "late")["metadata"]["uid"]]
        assert get(c, "holder")["status"]["phase"] == "Running"
        assert c.delete(f"{PODS}/holder").status_code == 200
        wait_running(c, "late", "main", timeout=90)


def test_podd_run_device(podd_cdi: PoddProcess, busybox: str) -> None:
    out = podd_cli(
        podd_cdi, "run", "--rm", "dev", f"--image={busybox}", "--device", f"{FAKE}=one",
        "--", "sh", "-c", "stat -c '%F %t:%T' /dev/fake0; echo $FAKE_DEVICE",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["character special file 1:3", "one"]
