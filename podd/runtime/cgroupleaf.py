"""One cgroup leaf per container instance: ``<pod cgroup>/ctr-<name>-<id[:12]>``.

conmon is born in it (``podd-pause --join --cgroup``, clone3
CLONE_INTO_CGROUP), so the runtime inherits it. Each instance gets its own
leaf — a fresh cgroup (one that once received ``cgroup.kill`` kills children
born into it), and one that removing a previous instance of the same
container cannot touch. The leaf is killed and removed when its container is
removed, which also ends strays a container left in a shared PID namespace.
Killing and removing go through :class:`podd.sandbox.cgroups.CgroupManager`.

Where the runtime can be given a ``cgroupsPath`` (unified cgroup v2), the
leaf is split so that the container has a cgroup of its own, apart from
conmon::

    ctr-<name>-<id>/          no process; cpu.weight and memory.min (these
                              share the pod among its containers)
    ctr-<name>-<id>/conmon    conmon (and the runtime while it creates)
    ctr-<name>-<id>/ctr       the container: cgroupsPath, memory.max, cpu.max,
                              memory.high, memory.min, memory.oom.group = 1

``memory.oom.group`` makes an OOM kill the whole container, as the kubelet
asks on cgroup v2 — in conmon's cgroup it would kill conmon too (a rootless
conmon cannot set oom_score_adj -1000, which the group kill spares), and
the exit code and OOMKilled would be lost. Without a cgroupsPath (a hybrid
host: runc fails with one there) the container inherits conmon's cgroup,
the leaf holds both, and oom.group is not set.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import msgspec

from podd.model.container import Container
from podd.model.errors import QuantityError
from podd.model.quantity import to_bytes, to_milli_cpu
from podd.runtime.errors import ContainerError, CreateContainerError
from podd.sandbox.cgrouplimits import memory_high, runtime_cgroups_path
from podd.sandbox.cgroups import CgroupManager, PodLimits
from podd.sandbox.errors import CgroupError

__all__ = [
    "ContainerCgroup",
    "allocatable_memory",
    "apply_limits",
    "container_cgroup",
    "container_limits",
    "create_leaf",
    "leaf_path",
    "remove_leaf",
]

PREFIX = "ctr-"
CONMON = "conmon"
CONTAINER = "ctr"
PAGE_SIZE = os.sysconf("SC_PAGESIZE")
_SAFE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def leaf_path(pod_cgroup: str | Path, name: str, cid: str) -> Path:
    """The leaf of instance ``cid`` of container ``name`` (a DNS label)."""
    if not _SAFE.match(name) or len(name) > 63 or not cid.isalnum():
        raise CreateContainerError(f"container name {name!r} cannot name a cgroup")
    return Path(pod_cgroup) / f"{PREFIX}{name}-{cid[:12]}"


@dataclass(frozen=True)
class ContainerCgroup:
    """Where one container instance's processes go."""

    leaf: Path  # recorded in the handle; killed and removed with the container
    conmon: Path  # where conmon is born
    container: Path  # the container's own cgroup (the leaf when not split)
    cgroups_path: str | None = None  # the OCI spec's cgroupsPath (None: inherit conmon's)

    @property
    def split(self) -> bool:
        return self.container != self.leaf


def container_cgroup(pod_cgroup: str | Path, name: str, cid: str, mode: str) -> ContainerCgroup:
    """The plan (pure): split where the runtime can take a cgroupsPath."""
    leaf = leaf_path(pod_cgroup, name, cid)
    own = leaf / CONTAINER
    cgroups_path = runtime_cgroups_path(own, mode)
    if cgroups_path is None:
        return ContainerCgroup(leaf, leaf, leaf)
    return ContainerCgroup(leaf, leaf / CONMON, own, cgroups_path)


def _manager(leaf: Path) -> CgroupManager:
    # kill() and remove() only use the paths given; the root is irrelevant.
    return CgroupManager(leaf.parent)


def create_leaf(cg: ContainerCgroup) -> list[str]:
    """A fresh, empty leaf for one container instance (with its conmon and
    container cgroups when split, controllers enabled for them); returns
    warnings."""
    try:
        cg.leaf.mkdir()
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise CreateContainerError(f"cgroup {cg.leaf} is still in use") from exc
        raise CreateContainerError(f"cannot create cgroup {cg.leaf}: {exc.strerror}") from exc
    if not cg.split:
        return []
    warnings = _manager(cg.leaf).enable_controllers(cg.leaf)
    try:
        cg.conmon.mkdir()
        cg.container.mkdir()
    except OSError as exc:
        for path in (cg.container, cg.conmon, cg.leaf):  # nothing is in them yet
            with contextlib.suppress(OSError):
                path.rmdir()
        raise CreateContainerError(f"cannot create cgroup in {cg.leaf}: {exc.strerror}") from exc
    return warnings


async def remove_leaf(leaf: str | Path, timeout: float = 5.0) -> None:
    """cgroup.kill what is left in the leaf, wait until empty, rmdir it
    (its children first). Missing is fine."""
    path = Path(leaf)
    if not path.exists():
        return
    manager = _manager(path)
    try:
        await manager.kill(path, timeout)
        manager.remove(path)
    except CgroupError as exc:
        raise ContainerError(f"cannot remove cgroup {path}: {exc}") from exc


def container_limits(
    container: Container,
    memory_qos: bool = False,
    allocatable_memory: int | None = None,
    page_size: int = PAGE_SIZE,
) -> PodLimits:
    """The container's ``resources`` as cgroup limits, as the kubelet's
    container config: memory.max, cpu.max, cpu.weight from the cpu request
    (the minimum without one); with MemoryQoS memory.min (the memory request)
    and memory.high (see :func:`podd.sandbox.cgrouplimits.memory_high`).
    Invalid quantities are left out (the API validated them)."""
    res = container.resources
    limits, requests = (res.limits or {}, res.requests or {}) if res else ({}, {})

    def parse(
        value: str | int | float | None, conv: Callable[[str | int | float], int]
    ) -> int | None:
        if value is None:
            return None
        try:
            return conv(value)
        except QuantityError:
            return None

    mem_limit = parse(limits.get("memory"), to_bytes)
    out = PodLimits(
        memory_bytes=mem_limit,
        cpu_millis=parse(limits.get("cpu"), to_milli_cpu),
        cpu_request_millis=parse(requests.get("cpu"), to_milli_cpu) or 0,
    )
    if not memory_qos:
        return out
    mem_request = parse(requests.get("memory"), to_bytes) or 0
    return msgspec.structs.replace(
        out,
        memory_min_bytes=mem_request or None,
        memory_high_bytes=memory_high(mem_request, mem_limit, allocatable_memory, page_size),
    )


def allocatable_memory(allocatable: Mapping[str, str]) -> int | None:
    """Node allocatable memory in bytes (``EnvSources.node_allocatable()``)."""
    value = allocatable.get("memory")
    try:
        return to_bytes(value) if value is not None else None
    except QuantityError:
        return None


def apply_limits(cg: ContainerCgroup, limits: PodLimits) -> list[str]:
    """Write the limits; a warning for each the pod asked for that cannot be
    enforced here (controller not delegated), never silently dropped.

    Split: the leaf gets what shares the pod among its containers
    (cpu.weight, memory.min), the container's cgroup the rest and
    ``memory.oom.group``. Not split: everything on the leaf, no oom.group."""
    if not cg.split:
        return _apply(cg.leaf, limits)
    shares = PodLimits(
        cpu_request_millis=limits.cpu_request_millis, memory_min_bytes=limits.memory_min_bytes
    )
    own = msgspec.structs.replace(limits, cpu_request_millis=None, oom_group=True)
    return _apply(cg.leaf, shares) + _apply(cg.container, own)


def _apply(path: Path, limits: PodLimits) -> list[str]:
    missing = _manager(path).apply_limits(path, limits)
    return [f"{m.resource} limit {m.value} not enforced: {m.reason}" for m in missing]
