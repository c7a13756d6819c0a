"""What a pod leaves on disk that can outlive a podd (sandbox state, container
storage, volumes, logs), found by pod uid: at start, everything of a pod
that is no longer stored is removed (a podd killed between removing the pod
from the store and tearing it down)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from pathlib import Path

from podd.controller.runtime_api import ContainerRuntime
from podd.controller.sandbox_api import SandboxRuntime
from podd.controller.volumes import PodVolumes
from podd.sandbox import SandboxError

log = logging.getLogger("podd.controller")


def _dirs(path: Path) -> list[str]:
    with contextlib.suppress(FileNotFoundError):
        return [p.name for p in path.iterdir() if p.is_dir()]
    return []


class Leftovers:
    def __init__(
        self,
        data_dir: Path,
        storage_dir: Path,
        sandboxes: SandboxRuntime | None,
        runtime: ContainerRuntime | None,
        volumes: PodVolumes | None,
    ) -> None:
        self._logs = data_dir / "logs"
        self._volumes_dir = data_dir / "volumes"
        self._storage = storage_dir
        self._sandboxes = sandboxes
        self._runtime = runtime
        self._volumes = volumes

    def uids(self) -> set[str]:
        found = set(self._sandboxes.known() if self._sandboxes else [])
        found |= set(_dirs(self._storage)) | set(_dirs(self._volumes_dir))
        found |= {name.rsplit("_", 1)[-1] for name in _dirs(self._logs) if "_" in name}
        return found

    async def purge(self, uid: str) -> None:
        """Sandbox first (its processes), then storage, volumes and logs."""
        log.info("removing what a deleted pod left", extra={"uid": uid})
        if self._sandboxes is not None and uid in self._sandboxes.known():
            try:
                await self._sandboxes.purge(uid)
            except (SandboxError, OSError, TimeoutError) as exc:
                log.warning("orphan sandbox not removed", extra={"uid": uid, "error": str(exc)})
        if self._runtime is not None:
            try:
                await self._runtime.remove_pod(uid, None)
            except Exception as exc:
                log.warning("orphan storage not removed", extra={"uid": uid, "error": str(exc)})
        if self._volumes is not None:
            await self._volumes.remove(uid, None)
        for name in _dirs(self._logs):
            if name.endswith(f"_{uid}"):
                await asyncio.to_thread(shutil.rmtree, self._logs / name, True)
