"""Pod-level runtime operations: find a pod's containers again, stop them
all, and remove what the pod stored (rootfs mounts and upper dirs)."""

from __future__ import annotations

import asyncio
import contextlib
import os

from podd.runtime.env import RuntimeEnv
from podd.runtime.rootfs import remove_pod_rootfs
from podd.runtime.state import ContainerHandle, PodDirs, load_handles
from podd.runtime.status import ContainerStatus
from podd.runtime.stop import stop_container
from podd.sandbox import SandboxState
from podd.sandbox.process import is_running

__all__ = ["load_containers", "remove_pod_storage", "stop_all"]


def load_containers(sandbox: SandboxState) -> list[ContainerHandle]:
    """The containers persisted for ``sandbox`` (oldest first), e.g. after a
    podd restart: check each with ``container_status``."""
    return load_handles(sandbox.runtime_dir)


async def stop_all(
    env: RuntimeEnv, handles: list[ContainerHandle], grace: float
) -> list[ContainerStatus | BaseException]:
    """Stop containers concurrently (before the pod's cgroup is killed, so
    that conmon writes every exit code)."""
    return await asyncio.gather(
        *(stop_container(env, h, grace) for h in handles), return_exceptions=True
    )


async def remove_pod_storage(
    env: RuntimeEnv,
    pod_uid: str,
    sandbox: SandboxState | None = None,
) -> None:
    """Unmount the pod's rootfs mounts and remove its storage dir (upper
    dirs, copies), and the exit files of its containers.

    Call after the containers were stopped and removed and before
    ``destroy_sandbox`` (the pod's namespaces are joined for the unmount
    and the removal); without a live sandbox the removal uses
    ``env.userns_join`` (a user namespace with the pods' mapping).
    """
    anchor = None
    dirs = None
    if sandbox is not None:
        dirs = PodDirs(sandbox.runtime_dir)
        if is_running(sandbox.pause.ref, env.proc_root):
            anchor = sandbox.pause.pid
        for handle in load_handles(sandbox.runtime_dir):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(handle.exit_file)
    await remove_pod_rootfs(
        env.pause, anchor, dirs, env.storage_for(pod_uid), userns_join=env.userns_join
    )
