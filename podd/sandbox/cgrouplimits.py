"""The cgroup v2 limit plan (pure): which file gets which value, as the
kubelet sizes its pod and container cgroups.

* ``memory.max``/``cpu.max``: the limits (a pod's: summed, see
  ``podd.controller.podspec.pod_limits``); ``cpu.weight`` from the cpu
  requests through cpu shares (``MilliCPUToShares`` then the kubelet's
  ``CpuSharesToCpuWeight``), BestEffort and request-less cgroups at the
  minimum (2 shares, weight 1);
* MemoryQoS: ``memory.min`` = the memory request, a container's
  ``memory.high`` = floor((request + 0.9 * (limit - request)) / page) * page
  with the node's allocatable memory for a missing limit, only where the
  request differs from the limit (never for Guaranteed);
* ``pids.max`` on the pod from podd's ``pod_pids_limit`` (the kubelet's
  ``podPidsLimit``), ``memory.oom.group`` on a container's own cgroup.

What the pod's spec asked for (limits, cpu requests) is reported per pod when
it cannot be enforced; podd's own settings (the pids limit, MemoryQoS,
oom.group, the minimum weight) are reported once, by :func:`enforcement`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import msgspec

__all__ = [
    "CPU_PERIOD_USEC",
    "MEMORY_THROTTLING_FACTOR",
    "CgroupPolicy",
    "Enforcement",
    "LimitWrite",
    "NotEnforced",
    "PodLimits",
    "cpu_shares",
    "cpu_weight",
    "enforcement",
    "limit_writes",
    "memory_high",
    "runtime_cgroups_path",
]

CPU_PERIOD_USEC = 100_000
MIN_QUOTA_USEC = 1_000
MIN_SHARES = 2
MAX_SHARES = 262_144
MEMORY_THROTTLING_FACTOR = 0.9  # the kubelet's memoryThrottlingFactor default
CGROUP_MOUNT = Path("/sys/fs/cgroup")  # where runc and crun expect cgroup2 (unified)


class PodLimits(msgspec.Struct, frozen=True):
    """One cgroup's limits (a pod's or a container's); None: not written."""

    memory_bytes: int | None = None  # memory.max
    cpu_millis: int | None = None  # cpu.max
    pids: int | None = None  # pids.max asked for by the caller (reported per pod)
    cpu_request_millis: int | None = None  # cpu.weight; 0: the minimum weight
    memory_min_bytes: int | None = None  # memory.min (MemoryQoS)
    memory_high_bytes: int | None = None  # memory.high (MemoryQoS)
    pod_pids_limit: int | None = None  # pids.max from podd's setting (podd's own)
    oom_group: bool = False  # memory.oom.group = 1


class NotEnforced(msgspec.Struct, frozen=True):
    """A limit that could not be applied, and why (event LimitNotEnforced)."""

    resource: str
    controller: str
    value: str
    reason: str
    asked: bool = True  # False: podd's own setting, not the pod's spec


class LimitWrite(NamedTuple):
    resource: str
    controller: str
    file: str
    value: str
    asked: bool = True  # the pod's spec asked for it: reported per pod when not enforced


class CgroupPolicy(msgspec.Struct, frozen=True):
    """podd's own cgroup settings (``memory_qos``, ``pod_pids_limit``)."""

    memory_qos: bool = True
    pod_pids_limit: int = 4096  # <= 0: unlimited

    def apply(self, limits: PodLimits) -> PodLimits:
        """A pod's limits with podd's settings: the pids limit added, the
        MemoryQoS values dropped when it is off."""
        pids = self.pod_pids_limit if self.pod_pids_limit > 0 else None
        return msgspec.structs.replace(
            limits,
            pod_pids_limit=pids,
            memory_min_bytes=limits.memory_min_bytes if self.memory_qos else None,
            memory_high_bytes=limits.memory_high_bytes if self.memory_qos else None,
        )


def cpu_shares(request_millis: int) -> int:
    """requests.cpu → cpu shares, as the kubelet's MilliCPUToShares."""
    if request_millis <= 0:
        return MIN_SHARES
    return min(MAX_SHARES, max(MIN_SHARES, request_millis * 1024 // 1000))


def cpu_weight(request_millis: int) -> int:
    """requests.cpu → cpu.weight, as the kubelet converts shares to weight."""
    return 1 + ((cpu_shares(request_millis) - 2) * 9999) // 262142


def memory_high(
    request: int,
    limit: int | None,
    allocatable: int | None,
    page_size: int,
    factor: float = MEMORY_THROTTLING_FACTOR,
) -> int | None:
    """A container's memory.high under MemoryQoS, or None where the kubelet
    sets none: request equal to the limit (Guaranteed), no limit and no
    allocatable memory known, or a result not above the request (nor below
    the limit)."""
    if request == (limit or 0):
        return None
    ceiling = limit if limit else allocatable
    if not ceiling or ceiling <= 0:
        return None
    # float arithmetic on purpose: the kubelet's float64 formula, bit for bit
    high = math.floor((request + (ceiling - request) * factor) / page_size) * page_size
    if high <= request or (limit and high >= limit):
        return None
    return high


def limit_writes(limits: PodLimits) -> list[LimitWrite]:
    """Every file to write for ``limits``, in order (pure)."""
    out: list[LimitWrite] = []
    if limits.memory_bytes is not None:
        out.append(LimitWrite("memory", "memory", "memory.max", str(limits.memory_bytes)))
    if limits.cpu_millis is not None:
        quota = max(MIN_QUOTA_USEC, limits.cpu_millis * CPU_PERIOD_USEC // 1000)
        out.append(LimitWrite("cpu", "cpu", "cpu.max", f"{quota} {CPU_PERIOD_USEC}"))
    if limits.pids is not None:
        out.append(LimitWrite("pids", "pids", "pids.max", str(limits.pids)))
    elif limits.pod_pids_limit is not None:
        pids = str(limits.pod_pids_limit)
        out.append(LimitWrite("pod pids", "pids", "pids.max", pids, asked=False))
    if (req := limits.cpu_request_millis) is not None:
        weight = str(cpu_weight(req))
        out.append(LimitWrite("cpu request", "cpu", "cpu.weight", weight, asked=req > 0))
    if limits.memory_min_bytes is not None:
        value = str(limits.memory_min_bytes)
        out.append(LimitWrite("memory request", "memory", "memory.min", value, asked=False))
    if limits.memory_high_bytes is not None:
        value = str(limits.memory_high_bytes)
        out.append(LimitWrite("memory throttling", "memory", "memory.high", value, asked=False))
    if limits.oom_group:
        out.append(LimitWrite("oom group", "memory", "memory.oom.group", "1", asked=False))
    return out


def runtime_cgroups_path(path: Path, mode: str) -> str | None:
    """The OCI ``cgroupsPath`` naming cgroup ``path``, where the runtime can
    be given one: on a unified host, ``path`` under /sys/fs/cgroup. runc and
    crun agree on an absolute one (relative to the cgroup2 mount); on a hybrid
    host runc fails with any (RUNTIME-NOTES.md), crun refuses the host."""
    if mode != "unified" or not path.is_relative_to(CGROUP_MOUNT) or path == CGROUP_MOUNT:
        return None
    return "/" + str(path.relative_to(CGROUP_MOUNT))


class Enforcement(msgspec.Struct, frozen=True):
    """What podd can enforce here (``/podd/v1/info``): cgroup files that take
    effect, those that do not and why, and the warnings for podd's own
    settings among them (the pod's own limits are reported per pod)."""

    enforced: list[str] = []
    not_enforced: list[str] = []
    warnings: list[str] = []


def enforcement(
    controllers: Iterable[str] | None, policy: CgroupPolicy, own_container_cgroup: bool
) -> Enforcement:
    """Which cgroup files take effect with ``controllers`` (those offered
    to the pods; None: no delegated cgroup at all), and why the others do
    not. ``own_container_cgroup``: the runtime can give a container its own
    cgroup, apart from conmon, so that ``memory.oom.group`` kills the
    container whole and never conmon."""
    offered = set(controllers or ())
    wanted: list[tuple[str, str, str, bool]] = [  # file, controller, what sets it, podd's own
        ("memory.max", "memory", "memory limits", False),
        ("cpu.max", "cpu", "cpu limits", False),
        ("cpu.weight", "cpu", "cpu requests and QoS", False),
    ]
    if policy.pod_pids_limit > 0:
        wanted.append(("pids.max", "pids", f"podPidsLimit {policy.pod_pids_limit}", True))
    if policy.memory_qos:
        wanted += [
            ("memory.min", "memory", "MemoryQoS", True),
            ("memory.high", "memory", "MemoryQoS", True),
        ]
    wanted.append(("memory.oom.group", "memory", "OOM kills the whole container", True))
    available = ", ".join(sorted(offered)) or "none"
    enforced: list[str] = []
    not_enforced: list[str] = []
    warnings: list[str] = []
    for file, ctrl, what, own in wanted:
        if controllers is None:
            why = "no delegated cgroup v2 subtree"
        elif ctrl not in offered:
            why = f"the {ctrl} controller is not delegated (available: {available})"
        elif file == "memory.oom.group" and not own_container_cgroup:
            why = "the runtime cannot give the container a cgroup apart from conmon"
        else:
            enforced.append(file)
            continue
        not_enforced.append(f"{file} ({what}): {why}")
        if own:
            warnings.append(f"{file} ({what}) is not enforced for any pod: {why}")
    return Enforcement(enforced, not_enforced, warnings)
