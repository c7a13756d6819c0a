"""One cgroup leaf per container instance: ``<pod cgroup>/ctr-<name>-<id[:12]>``.

conmon is born in it (``podd-pause --join --cgroup``, clone3
CLONE_INTO_CGROUP), so the runtime and the container inherit it — on a
hybrid host, where the runtime must not get a ``cgroupsPath``, that is the
only placement. Each instance gets its own leaf — a fresh cgroup (one that
once received ``cgroup.kill`` kills children born into it), and one that
removing a previous instance of the same container cannot touch. The leaf is
killed and removed when its container is removed, which also ends strays a
container left in a shared PID namespace. Killing and removing go through
:class:`podd.sandbox.cgroups.CgroupManager`.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from pathlib import Path

from podd.model.container import Container
from podd.model.errors import QuantityError
from podd.model.quantity import to_bytes, to_milli_cpu
from podd.runtime.errors import ContainerError, CreateContainerError
from podd.sandbox.cgroups import CgroupManager, PodLimits
from podd.sandbox.errors import CgroupError

__all__ = ["apply_limits", "container_limits", "create_leaf", "leaf_path", "remove_leaf"]

PREFIX = "ctr-"
_SAFE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def leaf_path(pod_cgroup: str | Path, name: str, cid: str) -> Path:
    """The leaf of instance ``cid`` of container ``name`` (a DNS label)."""
    if not _SAFE.match(name) or len(name) > 63 or not cid.isalnum():
        raise CreateContainerError(f"container name {name!r} cannot name a cgroup")
    return Path(pod_cgroup) / f"{PREFIX}{name}-{cid[:12]}"


def _manager(leaf: Path) -> CgroupManager:
    # kill() and remove() only use the paths given; the root is irrelevant.
    return CgroupManager(leaf.parent)


def create_leaf(pod_cgroup: str | Path, name: str, cid: str) -> Path:
    """A fresh, empty leaf for one container instance."""
    leaf = leaf_path(pod_cgroup, name, cid)
    try:
        leaf.mkdir()
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise CreateContainerError(f"cgroup {leaf} is still in use") from exc
        raise CreateContainerError(f"cannot create cgroup {leaf}: {exc.strerror}") from exc
    return leaf


async def remove_leaf(leaf: str | Path, timeout: float = 5.0) -> None:
    """cgroup.kill what is left in the leaf, wait until empty, rmdir it.
    Missing is fine."""
    path = Path(leaf)
    if not path.exists():
        return
    manager = _manager(path)
    try:
        await manager.kill(path, timeout)
        manager.remove(path)
    except CgroupError as exc:
        raise ContainerError(f"cannot remove cgroup {path}: {exc}") from exc


def container_limits(container: Container) -> PodLimits:
    """The container's ``resources`` as cgroup limits (memory.max, cpu.max,
    cpu.weight from the cpu request); invalid quantities are left out (the
    API validated them)."""
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

    return PodLimits(
        memory_bytes=parse(limits.get("memory"), to_bytes),
        cpu_millis=parse(limits.get("cpu"), to_milli_cpu),
        cpu_request_millis=parse(requests.get("cpu"), to_milli_cpu),
    )


def apply_limits(leaf: Path, limits: PodLimits) -> list[str]:
    """Write the limits into the leaf; a warning for each that cannot be
    enforced here (controller not delegated), never silently dropped."""
    missing = _manager(leaf).apply_limits(leaf, limits)
    return [f"{m.resource} limit {m.value} not enforced: {m.reason}" for m in missing]
