"""Pod volumes for the runtime (``podd.volumes``): prepared once per pod,
projections refreshed when ConfigMaps/Secrets change, Memory emptyDirs
mounted as tmpfs inside the pod's mount namespace, removed with the pod."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path

from podd import spawn
from podd.controller.configs import PodConfigs
from podd.controller.runtime_api import ContainerConfigError, StartRequest
from podd.model.container import Quantity
from podd.model.pod import Pod
from podd.runtime import VolumeSource
from podd.sandbox import SandboxState
from podd.sandbox.pause import join_argv
from podd.volumes.errors import VolumeError
from podd.volumes.manager import (
    prepare_pod_volumes,
    refresh_projections,
    remove_pod_volumes,
)
from podd.volumes.request import MountRequest

log = logging.getLogger("podd.volumes")


class PodVolumes:
    def __init__(
        self,
        configs: Callable[[str], Awaitable[PodConfigs]],
        base_dir: Path,
        memory_dir: Path,
        pause: Path,
        allocatable: Mapping[str, Quantity],
    ) -> None:
        self.configs = configs  # a namespace's ConfigMaps/Secrets, for refreshes
        self.base_dir = base_dir
        self.memory_dir = memory_dir  # secrets and the like live on tmpfs
        self.pause = pause
        self.allocatable = allocatable
        self.prepared: dict[str, dict[str, MountRequest]] = {}  # pod uid → volume → request
        self.mounted: set[tuple[str, int, str]] = set()  # (uid, pause pid, volume)

    async def for_start(self, req: StartRequest) -> Mapping[str, VolumeSource]:
        """Every volume of the pod, ready for the container about to start."""
        uid = req.pod.metadata.uid or ""
        requests = self.prepared.get(uid)
        if requests is None:
            lookup = req.configs.lookup()  # the snapshot this start's env also uses
            try:
                requests = await asyncio.to_thread(
                    prepare_pod_volumes,
                    req.pod,
                    self.base_dir,
                    lookup,
                    memory_dir=self.memory_dir,
                    allocatable=self.allocatable,
                )
            except VolumeError as exc:
                raise ContainerConfigError(exc.event_message()) from exc
            self.prepared[uid] = requests
        for name, mr in requests.items():
            if mr.tmpfs is not None and (uid, req.sandbox.pause.pid, name) not in self.mounted:
                await self._mount_tmpfs(req.sandbox, mr)
                self.mounted.add((uid, req.sandbox.pause.pid, name))
        return {name: VolumeSource(mr.path, mr.read_only) for name, mr in requests.items()}

    async def refresh(self, pod: Pod) -> list[str]:
        """Re-project configMap/secret/downwardAPI volumes; the changed ones."""
        if (pod.metadata.uid or "") not in self.prepared:
            return []
        lookup = (await self.configs(pod.metadata.namespace or "default")).lookup()
        errors: list[VolumeError] = []
        changed = await asyncio.to_thread(
            refresh_projections,
            pod,
            self.base_dir,
            lookup,
            memory_dir=self.memory_dir,
            allocatable=self.allocatable,
            errors=errors,
        )
        for err in errors:
            log.warning(
                "volume not refreshed",
                extra={"pod": pod.metadata.name, "error": err.event_message()},
            )
        return changed

    async def _mount_tmpfs(self, sandbox: SandboxState, mr: MountRequest) -> None:
        assert mr.tmpfs is not None
        argv = join_argv(
            self.pause,
            sandbox.pause.pid,
            ["user", "mnt"],
            ["mount", "-t", "tmpfs", "-o", ",".join(mr.tmpfs.options()), "tmpfs", mr.path],
        )
        done = await spawn.run(argv, timeout=30.0)
        if done.returncode != 0:
            raise ContainerConfigError(
                f"volume {mr.volume!r}: mounting its tmpfs failed: "
                f"{done.stderr.decode(errors='replace').strip()}"
            )

    async def remove(self, pod_uid: str, pause_pid: int | None) -> None:
        """Remove the pod's volume dirs, from inside the pods' user namespace
        where containers left files owned by subordinate ids."""
        self.prepared.pop(pod_uid, None)
        self.mounted = {m for m in self.mounted if m[0] != pod_uid}

        async def in_userns(argv: Sequence[str]) -> int:
            if pause_pid is None:
                return 1  # the pod's namespaces are gone
            done = await spawn.run(
                join_argv(self.pause, pause_pid, ["user"], list(argv)), timeout=120.0
            )
            return done.returncode

        try:
            await remove_pod_volumes(pod_uid, self.base_dir, in_userns, memory_dir=self.memory_dir)
        except VolumeError as exc:
            log.warning("volume dir not removed", extra={"pod": pod_uid, "error": str(exc)})
