"""Container cgroup leaves: names, the split, limits (on an imitation cgroup tree)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from podd.runtime.cgroupleaf import (
    ContainerCgroup,
    allocatable_memory,
    apply_limits,
    container_cgroup,
    container_limits,
    create_leaf,
    leaf_path,
    remove_leaf,
)
from podd.runtime.errors import CreateContainerError
from podd.sandbox.cgroups import PodLimits

from .helpers import container, pod

MI = 1 << 20
CID = "cd" * 32


def test_container_limits() -> None:
    resources = {"limits": {"memory": "64Mi", "cpu": "500m"}, "requests": {"cpu": "100m"}}
    p = pod([{"name": "c", "resources": resources}])
    assert container_limits(container(p)) == PodLimits(
        memory_bytes=64 * MI, cpu_millis=500, cpu_request_millis=100
    )
    # no cpu request: the minimum weight (2 shares), as the kubelet
    assert container_limits(container(pod([{"name": "c"}]))) == PodLimits(cpu_request_millis=0)


def test_container_limits_with_memory_qos() -> None:
    burstable = {"limits": {"memory": "256Mi"}, "requests": {"memory": "128Mi", "cpu": "250m"}}
    got = container_limits(
        container(pod([{"name": "c", "resources": burstable}])), True, 8 << 30, 4096
    )
    assert got == PodLimits(
        memory_bytes=256 * MI,
        cpu_request_millis=250,
        memory_min_bytes=128 * MI,
        memory_high_bytes=255_012_864,  # the kubelet's formula, factor 0.9
    )
    # no limit: node allocatable memory bounds memory.high
    request_only = {"requests": {"memory": "128Mi"}}
    got = container_limits(
        container(pod([{"name": "c", "resources": request_only}])), True, 8 << 30, 4096
    )
    assert got.memory_min_bytes == 128 * MI and got.memory_high_bytes == 7_744_360_448
    # Guaranteed (request == limit): memory.min only, no memory.high
    same = {"limits": {"memory": "64Mi"}, "requests": {"memory": "64Mi"}}
    got = container_limits(container(pod([{"name": "c", "resources": same}])), True, 8 << 30)
    assert got.memory_min_bytes == 64 * MI and got.memory_high_bytes is None
    # MemoryQoS off: neither
    got = container_limits(container(pod([{"name": "c", "resources": burstable}])), False, 8 << 30)
    assert got.memory_min_bytes is None and got.memory_high_bytes is None


def test_allocatable_memory() -> None:
    assert allocatable_memory({"memory": "8Gi", "cpu": "2"}) == 8 << 30
    assert allocatable_memory({"memory": "8589934592"}) == 8 << 30
    assert allocatable_memory({"cpu": "2"}) is None
    assert allocatable_memory({"memory": "lots"}) is None


def test_leaf_names() -> None:
    assert str(leaf_path("/cg/pod", "web", "ab" * 32)) == "/cg/pod/ctr-web-abababababab"
    with pytest.raises(CreateContainerError):
        leaf_path("/cg/pod", "../x", CID)


def test_container_cgroup_is_split_where_the_runtime_takes_a_cgroups_path() -> None:
    pod_cg = "/sys/fs/cgroup/user.slice/user@1000.service/podd/pods/u1"
    cg = container_cgroup(pod_cg, "web", CID, "unified")
    leaf = Path(pod_cg) / "ctr-web-cdcdcdcdcdcd"
    assert cg == ContainerCgroup(
        leaf=leaf,
        conmon=leaf / "conmon",
        container=leaf / "ctr",
        cgroups_path="/user.slice/user@1000.service/podd/pods/u1/ctr-web-cdcdcdcdcdcd/ctr",
    )
    assert cg.split
    # hybrid (this CI): runc fails with a cgroupsPath; conmon and the container share the leaf
    hybrid = container_cgroup("/sys/fs/cgroup/unified/podd/pods/u1", "web", CID, "hybrid")
    assert not hybrid.split and hybrid.cgroups_path is None
    assert hybrid.conmon == hybrid.container == hybrid.leaf


def _split(tmp_path: Path) -> ContainerCgroup:
    leaf = tmp_path / "ctr-web-cdcdcdcdcdcd"
    return ContainerCgroup(leaf, leaf / "conmon", leaf / "ctr", "/x/ctr-web-cdcdcdcdcdcd/ctr")


def test_create_split_leaf(tmp_path: Path) -> None:
    cg = _split(tmp_path)
    assert create_leaf(cg) == []
    assert cg.conmon.is_dir() and cg.container.is_dir()
    with pytest.raises(CreateContainerError, match="still in use"):
        create_leaf(cg)


def test_apply_split_limits(tmp_path: Path) -> None:
    cg = _split(tmp_path)
    create_leaf(cg)
    for path in (cg.leaf, cg.container):
        (path / "cgroup.controllers").write_text("cpu memory pids\n")
    limits = PodLimits(
        memory_bytes=256 * MI,
        cpu_millis=500,
        cpu_request_millis=250,
        memory_min_bytes=128 * MI,
        memory_high_bytes=255_012_864,
    )
    assert apply_limits(cg, limits) == []
    # the leaf shares the pod among its containers
    assert (cg.leaf / "cpu.weight").read_text() == "10"
    assert (cg.leaf / "memory.min").read_text() == str(128 * MI)
    assert not (cg.leaf / "memory.max").exists()
    # the container's own cgroup: its limits, protection, throttling, the group OOM kill
    own = {f: (cg.container / f).read_text() for f in ("memory.max", "cpu.max", "memory.high")}
    assert own == {
        "memory.max": str(256 * MI),
        "cpu.max": "50000 100000",
        "memory.high": "255012864",
    }
    assert (cg.container / "memory.min").read_text() == str(128 * MI)
    assert (cg.container / "memory.oom.group").read_text() == "1"
    assert not (cg.conmon / "memory.oom.group").exists()  # conmon survives the OOM kill
    asyncio.run(remove_leaf(cg.leaf))
    assert not cg.leaf.exists()


def test_flat_leaf_never_gets_oom_group(tmp_path: Path) -> None:
    leaf = leaf_path(tmp_path, "web", CID)
    cg = ContainerCgroup(leaf, leaf, leaf)
    assert create_leaf(cg) == []
    (leaf / "cgroup.controllers").write_text("cpu memory\n")
    assert apply_limits(cg, PodLimits(memory_bytes=MI, cpu_request_millis=0)) == []
    assert (leaf / "memory.max").read_text() == str(MI)
    assert not (leaf / "memory.oom.group").exists()


def test_apply_limits_reports_what_cannot_be_enforced(tmp_path: Path) -> None:
    leaf = leaf_path(tmp_path, "web", CID)
    cg = ContainerCgroup(leaf, leaf, leaf)
    create_leaf(cg)
    (leaf / "cgroup.controllers").write_text("memory pids\n")
    limits = PodLimits(memory_bytes=MI, cpu_millis=250, cpu_request_millis=0, memory_min_bytes=MI)
    warnings = apply_limits(cg, limits)
    assert (leaf / "memory.max").read_text() == str(MI)
    # the cpu limit was asked for; the minimum weight is podd's own (reported once)
    assert warnings == [
        "cpu limit 25000 100000 not enforced: the cpu controller is not delegated "
        "(available: memory, pids)"
    ]
