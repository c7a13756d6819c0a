"""Pod volumes for the runtime: prepared once per pod (directories, hostPath
checks, projections), Memory emptyDirs mounted as tmpfs inside the pod's
mount namespace, removed with the pod."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from podd.controller.port import ContainerConfigError, StartRequest
from podd.model.pod import Pod
from podd.runtime import VolumeSource
from podd.sandbox import SandboxState
from podd.sandbox.pause import join_argv
from podd.volumes.emptydir import pod_volumes_dir, removal_plan, remove_tree, setup_empty_dir
from podd.volumes.errors import VolumeError
from podd.volumes.hostpath import setup_host_path
from podd.volumes.request import MountRequest

log = logging.getLogger("podd.volumes")


class PodVolumes:
    def __init__(self, base_dir: Path, pause: Path) -> None:
        self.base_dir = base_dir
        self.pause = pause
        self.prepared: dict[str, dict[str, MountRequest]] = {}  # pod uid → volume → request
        self.mounted: set[tuple[str, int, str]] = set()  # (uid, pause pid, volume)

    async def for_start(self, req: StartRequest) -> Mapping[str, VolumeSource]:
        """Every volume of the pod, ready for the container about to start."""
        uid = req.pod.metadata.uid or ""
        requests = self.prepared.get(uid)
        if requests is None:
            try:
                requests = await asyncio.to_thread(self._prepare, req.pod)
            except VolumeError as exc:
                raise ContainerConfigError(str(exc)) from exc
            self.prepared[uid] = requests
        for name, mr in requests.items():
            if mr.tmpfs is not None and (uid, req.sandbox.pause.pid, name) not in self.mounted:
                await self._mount_tmpfs(req.sandbox, mr)
                self.mounted.add((uid, req.sandbox.pause.pid, name))
        return {name: VolumeSource(mr.path, mr.read_only) for name, mr in requests.items()}

    def _prepare(self, pod: Pod) -> dict[str, MountRequest]:
        out: dict[str, MountRequest] = {}
        for vol in pod.spec.volumes or []:
            if vol.empty_dir is not None:
                out[vol.name] = setup_empty_dir(vol, pod, self.base_dir)
            elif vol.host_path is not None:
                out[vol.name] = setup_host_path(vol)
            else:
                raise ContainerConfigError(
                    f"volume {vol.name!r}: this volume type is not supported yet by podd"
                )
        return out

    async def _mount_tmpfs(self, sandbox: SandboxState, mr: MountRequest) -> None:
        assert mr.tmpfs is not None
        argv = join_argv(
            self.pause,
            sandbox.pause.pid,
            ["user", "mnt"],
            ["mount", "-t", "tmpfs", "-o", ",".join(mr.tmpfs.options()), "tmpfs", mr.path],
        )
        proc = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        _, err = await proc.communicate()
        if proc.returncode != 0:
            raise ContainerConfigError(
                f"volume {mr.volume!r}: mounting its tmpfs failed: {err.decode().strip()}"
            )

    async def remove(self, pod_uid: str, pause_pid: int | None) -> None:
        """Remove the pod's volume dirs (from inside the user namespace when
        containers left files owned by subordinate ids)."""
        self.prepared.pop(pod_uid, None)
        self.mounted = {m for m in self.mounted if m[0] != pod_uid}
        path = pod_volumes_dir(self.base_dir, pod_uid)
        if not path.exists():
            return
        plan = removal_plan(path)

        async def in_userns(argv: Sequence[str]) -> int:
            if pause_pid is None:
                return 1  # the pod's namespaces are gone
            proc = await asyncio.create_subprocess_exec(
                *join_argv(self.pause, pause_pid, ["user"], list(argv)),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            return await proc.wait()

        try:
            await remove_tree(plan, in_userns)
        except VolumeError as exc:
            log.warning("volume dir not removed", extra={"pod": pod_uid, "error": str(exc)})
