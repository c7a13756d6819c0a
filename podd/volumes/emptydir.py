"""emptyDir: a per-pod directory shared by the pod's containers, gone with the pod.

* On disk (``medium: ""``): ``<base>/<pod-uid>/<volume>``, mode 0777 as the
  kubelet makes it, so containers running as any user can write.
  ``sizeLimit`` is reported, not enforced (the kubelet enforces it by
  eviction, which podd does not do).
* In memory (``medium: Memory``): the same directory, over which the
  runtime mounts a tmpfs inside the pod's mount namespace (an unprivileged
  process can mount only there); its size is the kubelet's: the smallest of
  ``sizeLimit``, the pod's memory limit (when every container has one) and
  the node's memory.

Removal: containers running as non-root users create files owned by
subordinate uids, which the user cannot remove from outside the user
namespace. :func:`removal_plan` says what to remove and the ``rm -rf``
command to run *inside* the pods' user namespace (the integrator runs it
through ``podd-pause --join <pid> --ns user --`` with any process holding
that mapping: the pod's pause, or the images' user-namespace holder once the
pod is gone; join the user namespace only, not the mount namespace, so no
tmpfs is in the way); :func:`remove_tree` first tries from the host and
falls back to that command.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import stat
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import msgspec

from podd.model.pod import Pod
from podd.model.quantity import QuantityError, to_bytes
from podd.model.volume import Volume
from podd.volumes.errors import UnsupportedVolumeError, VolumeError, VolumeRemovalError
from podd.volumes.request import MountRequest, TmpfsMount

__all__ = [
    "EMPTY_DIR_MODE",
    "RemovalPlan",
    "RunInUserns",
    "ensure_pod_dir",
    "memory_size",
    "pod_memory_limit",
    "pod_volumes_dir",
    "removal_plan",
    "remove_tree",
    "setup_empty_dir",
    "volume_dir",
]

EMPTY_DIR_MODE = 0o777
POD_DIR_MODE = 0o700  # the pod's volumes dir: only the user (secrets live below)

# Runs argv inside the pods' user namespace (as its uid 0); returns the exit status.
RunInUserns = Callable[[Sequence[str]], Awaitable[int]]


def _component(value: str, what: str) -> str:
    if not value or "/" in value or "\0" in value or value in (".", ".."):
        raise VolumeError(f"invalid {what}: {value!r}")
    return value


def pod_volumes_dir(base_dir: str | Path, pod_uid: str) -> Path:
    """``<base>/<pod-uid>``: every volume of the pod lives below."""
    return Path(base_dir) / _component(pod_uid, "pod uid")


def volume_dir(base_dir: str | Path, pod_uid: str, name: str) -> Path:
    return pod_volumes_dir(base_dir, pod_uid) / _component(name, "volume name")


def ensure_pod_dir(base_dir: str | Path, pod_uid: str) -> Path:
    path = pod_volumes_dir(base_dir, pod_uid)
    Path(base_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=POD_DIR_MODE)
    return path


def _quantity_bytes(value: str | int | float | None, what: str, volume: str) -> int | None:
    if value is None:
        return None
    try:
        return to_bytes(value)
    except QuantityError as exc:
        raise VolumeError(f"invalid {what} {value!r}: {exc}", volume=volume) from None


def pod_memory_limit(pod: Pod) -> int | None:
    """The pod's memory limit as its cgroup gets it, ``None`` unless every container has one.

    App containers and sidecars (init containers with ``restartPolicy:
    Always``) add up; a regular init container runs alone, so the limit is at
    least the largest of them (plus the sidecars started before it).
    """
    spec = pod.spec
    total = 0
    sidecars = 0
    largest_init = 0
    for ctr in spec.init_containers or ():
        limit = (ctr.resources.limits or {}).get("memory") if ctr.resources else None
        if limit is None:
            return None
        value = to_bytes(limit)
        if ctr.restart_policy == "Always":
            sidecars += value
        else:
            largest_init = max(largest_init, sidecars + value)
    for ctr in spec.containers:
        limit = (ctr.resources.limits or {}).get("memory") if ctr.resources else None
        if limit is None:
            return None
        total += to_bytes(limit)
    return max(total + sidecars, largest_init) or None


def memory_size(size_limit: int | None, pod: Pod, node_memory: int | None) -> int | None:
    """The kubelet's size for a memory emptyDir: the smallest positive of the three."""
    candidates = [node_memory]
    with contextlib.suppress(QuantityError):
        candidates.append(pod_memory_limit(pod))
    candidates.append(size_limit)
    known = [c for c in candidates if c is not None and c > 0]
    return min(known) if known else None


def setup_empty_dir(
    volume: Volume, pod: Pod, base_dir: str | Path, *, node_memory: int | None = None
) -> MountRequest:
    """Create the emptyDir's directory (idempotent) and say how to mount it."""
    src = volume.empty_dir
    assert src is not None
    medium = src.medium or ""
    if medium not in ("", "Memory"):
        raise UnsupportedVolumeError(
            f'emptyDir medium "{medium}" is not supported by podd', volume=volume.name
        )
    size_limit = _quantity_bytes(src.size_limit, "sizeLimit", volume.name)
    ensure_pod_dir(base_dir, pod.metadata.uid or "")
    path = volume_dir(base_dir, pod.metadata.uid or "", volume.name)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=EMPTY_DIR_MODE)
    if stat.S_IMODE(path.lstat().st_mode) != EMPTY_DIR_MODE:
        os.chmod(path, EMPTY_DIR_MODE)  # mkdir's mode went through the umask
    tmpfs = None
    if medium == "Memory":
        tmpfs = TmpfsMount(size=memory_size(size_limit, pod, node_memory))
    return MountRequest(
        volume=volume.name, kind="emptyDir", path=str(path), tmpfs=tmpfs, size_limit=size_limit
    )


class RemovalPlan(msgspec.Struct, frozen=True):
    """Remove ``path``; ``argv`` does it from inside the pods' user namespace."""

    path: str
    argv: list[str]


def removal_plan(path: str | Path) -> RemovalPlan:
    path = os.path.abspath(path)
    return RemovalPlan(path=path, argv=["rm", "-rf", "--", path])


_MAX_ENTRIES = 1_000_000  # entries visited when making a tree removable


def _make_removable(path: str) -> None:
    """Give the user rwx on the directories they own (a container may have
    made them read-only), top-down so that each can then be listed."""
    stack = [path]
    seen = 0
    while stack and seen < _MAX_ENTRIES:
        current = stack.pop()
        try:
            st = os.lstat(current)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):
            continue
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & stat.S_IRWXU != stat.S_IRWXU:
            with contextlib.suppress(OSError):
                os.chmod(current, stat.S_IMODE(st.st_mode) | stat.S_IRWXU)
        try:
            with os.scandir(current) as it:
                for entry in it:
                    seen += 1
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
        except OSError:
            continue  # not ours: rmtree fails there and the caller falls back


def _rmtree_host(path: str) -> None:
    """Remove ``path`` from the host; ``PermissionError`` when other users' files are in it."""
    if not os.path.lexists(path):
        return
    _make_removable(path)
    shutil.rmtree(path)


async def remove_tree(plan: RemovalPlan, run_in_userns: RunInUserns | None = None) -> None:
    """Remove ``plan.path``: from the host, else with ``plan.argv`` in the user namespace."""
    try:
        await asyncio.to_thread(_rmtree_host, plan.path)
    except OSError as exc:
        if run_in_userns is None:
            raise VolumeRemovalError(
                f"cannot remove {plan.path}: {exc.strerror or exc} "
                "(files owned by other users of the pods' user namespace)"
            ) from exc
        status = await run_in_userns(plan.argv)
        if status != 0 or os.path.lexists(plan.path):
            raise VolumeRemovalError(
                f"cannot remove {plan.path}: {' '.join(plan.argv)} exited with {status}"
            ) from exc
