"""The cgroup v2 limit plan: kubelet numbers for weights, MemoryQoS and
quotas, which writes are the pod's and which are podd's own, and what a
host's controllers let podd enforce."""

from __future__ import annotations

from pathlib import Path

import pytest

from podd.sandbox.cgrouplimits import (
    CgroupPolicy,
    LimitWrite,
    PodLimits,
    cpu_shares,
    cpu_weight,
    enforcement,
    limit_writes,
    memory_high,
    runtime_cgroups_path,
)

MI = 1 << 20
GI = 1 << 30
PAGE = 4096


@pytest.mark.parametrize(
    ("millis", "shares", "weight"),
    [
        (0, 2, 1),  # BestEffort / no request: MinShares, the minimum weight
        (1, 2, 1),
        (100, 102, 4),
        (250, 256, 10),
        (1000, 1024, 39),
        (4000, 4096, 157),
        (256_000, 262_144, 10_000),
        (1_000_000, 262_144, 10_000),  # capped at MaxShares: cpu.weight tops at 10000
    ],
)
def test_cpu_shares_and_weight_as_the_kubelet(millis: int, shares: int, weight: int) -> None:
    assert cpu_shares(millis) == shares
    assert cpu_weight(millis) == weight


def test_memory_high_with_the_kubelet_formula() -> None:
    # request 128Mi, limit 256Mi: floor((128Mi + 0.9 * 128Mi) / 4096) * 4096
    assert memory_high(128 * MI, 256 * MI, 8 * GI, PAGE) == 255_012_864
    # no limit: node allocatable memory takes its place
    assert memory_high(128 * MI, None, 8 * GI, PAGE) == 7_744_360_448
    # a limit without a request is the same as the request 0 (a Burstable container)
    assert memory_high(0, 64 * MI, 8 * GI, PAGE) == 60_395_520
    # the page size rounds down
    assert memory_high(128 * MI, 256 * MI, None, 2 * MI) == 242 * MI


def test_memory_high_only_where_the_kubelet_sets_it() -> None:
    assert memory_high(64 * MI, 64 * MI, 8 * GI, PAGE) is None  # request == limit (Guaranteed)
    assert memory_high(0, None, 8 * GI, PAGE) is None  # nothing asked (BestEffort)
    assert memory_high(128 * MI, None, None, PAGE) is None  # no limit, no allocatable known
    assert memory_high(128 * MI, None, 0, PAGE) is None
    # not above the request after rounding: none
    assert memory_high(4 * PAGE, 4 * PAGE + 100, None, PAGE) is None
    # always below memory.max where there is a limit
    high = memory_high(100 * MI, 101 * MI, None, PAGE)
    assert high is not None and 100 * MI < high < 101 * MI


def test_limit_writes_in_order_with_who_asked() -> None:
    limits = PodLimits(
        memory_bytes=256 * MI,
        cpu_millis=500,
        pids=100,
        cpu_request_millis=250,
        memory_min_bytes=128 * MI,
        memory_high_bytes=255_012_864,
        oom_group=True,
    )
    assert limit_writes(limits) == [
        LimitWrite("memory", "memory", "memory.max", str(256 * MI)),
        LimitWrite("cpu", "cpu", "cpu.max", "50000 100000"),
        LimitWrite("pids", "pids", "pids.max", "100"),
        LimitWrite("cpu request", "cpu", "cpu.weight", "10"),
        LimitWrite("memory request", "memory", "memory.min", str(128 * MI), asked=False),
        LimitWrite("memory throttling", "memory", "memory.high", "255012864", asked=False),
        LimitWrite("oom group", "memory", "memory.oom.group", "1", asked=False),
    ]
    assert limit_writes(PodLimits(cpu_millis=1)) == [
        LimitWrite("cpu", "cpu", "cpu.max", "1000 100000")
    ]
    assert limit_writes(PodLimits()) == []


def test_minimum_weight_and_pod_pids_limit_are_podds_own() -> None:
    writes = limit_writes(PodLimits(cpu_request_millis=0, pod_pids_limit=4096))
    assert writes == [
        LimitWrite("pod pids", "pids", "pids.max", "4096", asked=False),
        LimitWrite("cpu request", "cpu", "cpu.weight", "1", asked=False),
    ]
    # a pids limit the caller asked for wins over the setting, and is reported
    both = limit_writes(PodLimits(pids=10, pod_pids_limit=4096))
    assert both == [LimitWrite("pids", "pids", "pids.max", "10")]


def test_policy_adds_the_pids_limit_and_drops_memory_qos_when_off() -> None:
    limits = PodLimits(memory_bytes=GI, memory_min_bytes=MI, memory_high_bytes=2 * MI)
    assert CgroupPolicy().apply(limits) == PodLimits(
        memory_bytes=GI, memory_min_bytes=MI, memory_high_bytes=2 * MI, pod_pids_limit=4096
    )
    off = CgroupPolicy(memory_qos=False, pod_pids_limit=0)
    assert off.apply(limits) == PodLimits(memory_bytes=GI)
    assert CgroupPolicy(pod_pids_limit=-1).apply(PodLimits()) == PodLimits()


def test_runtime_cgroups_path_only_on_unified_under_the_mount() -> None:
    leaf = Path("/sys/fs/cgroup/user.slice/podd/pods/u1/ctr-web-abc/ctr")
    assert runtime_cgroups_path(leaf, "unified") == "/user.slice/podd/pods/u1/ctr-web-abc/ctr"
    # hybrid: runc fails with any cgroupsPath, crun refuses the host
    hybrid = Path("/sys/fs/cgroup/unified/user.slice/podd/pods/u1/ctr-web-abc/ctr")
    assert runtime_cgroups_path(hybrid, "hybrid") is None
    assert runtime_cgroups_path(Path("/tmp/imitation/pods/u1/ctr"), "unified") is None
    assert runtime_cgroups_path(Path("/sys/fs/cgroup"), "unified") is None


def test_enforcement_on_a_delegated_unified_host() -> None:
    controllers = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids"]
    found = enforcement(controllers, CgroupPolicy(), own_container_cgroup=True)
    assert found.enforced == [
        "memory.max",
        "cpu.max",
        "cpu.weight",
        "pids.max",
        "memory.min",
        "memory.high",
        "memory.oom.group",
    ]
    assert found.not_enforced == [] and found.warnings == []


def test_enforcement_on_a_hybrid_host_warns_once_for_podds_own() -> None:
    found = enforcement(["hugetlb"], CgroupPolicy(), own_container_cgroup=False)
    assert found.enforced == []
    why = "the pids controller is not delegated (available: hugetlb)"
    assert f"pids.max (podPidsLimit 4096): {why}" in found.not_enforced
    assert len(found.not_enforced) == 7
    # the pod's own limits are reported per pod (LimitNotEnforced), not here
    assert [w.split(" ")[0] for w in found.warnings] == [
        "pids.max",
        "memory.min",
        "memory.high",
        "memory.oom.group",
    ]
    assert found.warnings[0] == f"pids.max (podPidsLimit 4096) is not enforced for any pod: {why}"


def test_enforcement_without_delegation_or_settings() -> None:
    found = enforcement(None, CgroupPolicy(memory_qos=False, pod_pids_limit=0), False)
    assert found.enforced == []
    assert found.warnings == [
        "memory.oom.group (OOM kills the whole container) is not enforced for any pod:"
        " no delegated cgroup v2 subtree"
    ]
    # memory there, but the container shares conmon's cgroup: no oom.group
    flat = enforcement(["memory", "cpu", "pids"], CgroupPolicy(), own_container_cgroup=False)
    assert flat.not_enforced == [
        "memory.oom.group (OOM kills the whole container): the runtime cannot give the"
        " container a cgroup apart from conmon"
    ]
