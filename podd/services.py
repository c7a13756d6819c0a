"""The long-lived parts of a running podd, handed to the API and the controller."""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from podd import __version__
from podd.components import Component, probe_all
from podd.config import Settings
from podd.controller.compose import Controller, build_controller
from podd.controller.observed import ContainerRecord
from podd.controller.runtime_api import ContainerRuntime
from podd.controller.usage import ManagerCgroups, UsageSampler
from podd.images import ImageManager
from podd.model.pod import Pod
from podd.model.validation.pod import ValidationOptions
from podd.sandbox import HostInfo, SandboxState, gather_host_info
from podd.store.events import EventRecorder
from podd.store.images import SqliteImageIndex
from podd.store.repository import Store


def host_validation_options(proc: str = "/proc") -> ValidationOptions:
    """What this host lets podd honour, read once at start."""
    try:
        start = int(Path(proc, "sys/net/ipv4/ip_unprivileged_port_start").read_text().strip())
    except (OSError, ValueError):
        start = 1024
    rootless = os.getuid() != 0
    return ValidationOptions(rootless=rootless, unprivileged_port_start=start if rootless else 0)


@dataclass
class Services:
    settings: Settings
    store: Store
    events: EventRecorder
    node_name: str = field(default_factory=socket.gethostname)
    started_at: float = field(default_factory=time.time)
    ready: bool = False
    components: list[Component] = field(default_factory=list)
    validation: ValidationOptions = field(default_factory=lambda: host_validation_options())
    controller: Controller | None = None
    images: ImageManager | None = None
    host: HostInfo | None = None
    usage: UsageSampler | None = None  # pods' and the node's usage (metrics.k8s.io)

    async def start(self, namespaced_kinds: Mapping[str, type[Any]]) -> None:
        """``namespaced_kinds``: what emptying a deleted namespace deletes."""
        self.components = await asyncio.to_thread(probe_all)
        self.images = ImageManager.create(
            self.settings.data_path,
            SqliteImageIndex(self.store),
            insecure_registries=self.settings.insecure_registries,
            in_use=self.image_in_use,
            holder_state=self.settings.runtime_path / "userns-holder.json",
        )
        await self.images.cleanup_leftovers()
        if self.images.holder is not None:
            await self.images.holder.end_stale()  # left by a podd that was killed
        self.controller = await build_controller(
            self.settings, self.store, self.events, self.images, namespaced_kinds
        )
        manager = self.controller.manager
        self.usage = UsageSampler(ManagerCgroups(lambda: list(manager.workers.values())))
        self.usage.start()
        env = self.controller.env
        self.host = await gather_host_info(
            pause=env.pause if env else None,
            cgroup_root=str(env.cgroups.root) if env and env.cgroups else None,
        )

    async def stop(self) -> None:
        if self.usage is not None:
            await self.usage.stop()
        if self.controller is not None:
            await self.controller.stop()
        if self.images is not None:
            await self.images.close()

    async def image_in_use(self, image_id: str) -> bool:
        """Whether a stored pod's container uses image ``image_id``."""
        if self.images is None:
            return False
        pods, _, _ = await self.store.query("Pod")
        for stored in pods:
            pod = msgspec.json.decode(stored.data, type=Pod)
            for _, _, c in pod.spec.all_containers():
                record = await self.images.resolve(c.image or "")
                if record is not None and record.id == image_id:
                    return True
        return False

    # -- what the API reads of the controller (frozen values) ---------------
    def container(self, pod_uid: str, name: str) -> ContainerRecord | None:
        return self.controller.manager.container(pod_uid, name) if self.controller else None

    def sandbox_state(self, pod_uid: str) -> SandboxState | None:
        return self.controller.manager.sandbox_state(pod_uid) if self.controller else None

    @property
    def runtime(self) -> ContainerRuntime | None:
        ctr = self.controller.deps.containers if self.controller else None
        return ctr.runtime if ctr else None

    def info(self) -> dict[str, Any]:
        uid = os.getuid()
        return {
            "version": __version__,
            "pid": os.getpid(),
            "uid": uid,
            "rootless": uid != 0,
            "node": self.node_name,
            "kernel": platform.release(),
            "python": platform.python_version(),
            "socket": self.settings.socket,
            "listen": self.settings.listen or None,
            "dataDir": self.settings.data_dir,
            "runtimeDir": self.settings.runtime_dir,
            "uptimeSeconds": round(time.time() - self.started_at, 3),
            "resourceVersion": str(self.store.resource_version),
            "components": list(self.components),
            "host": self.host,
            **(self.controller.info() if self.controller else {}),
        }
