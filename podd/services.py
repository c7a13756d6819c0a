"""The long-lived parts of a running podd, handed to the API and the controller."""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podd import __version__
from podd.components import Component, probe_all
from podd.config import Settings
from podd.model.validation.pod import ValidationOptions
from podd.store.events import EventRecorder
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
    # Filled by later layers (sandbox, runtime, images, controller).
    extra: dict[str, Any] = field(default_factory=dict)

    async def start(self) -> None:
        self.components = await asyncio.to_thread(probe_all)

    async def stop(self) -> None:
        return None

    async def pod_created(self, pod: Any) -> None:
        """A pod was stored: hand it to the controller (none yet: it stays Pending)."""
        return None

    async def delete_pod(self, pod: Any, opts: Any) -> tuple[Any, bool]:
        """Delete a pod; returns what to report and whether it is gone.

        Without a controller nothing runs for the pod, so it goes at once.
        """
        stored = await self.store.delete("Pod", pod, expected_uid=pod.metadata.uid)
        import msgspec

        return msgspec.json.decode(stored.data, type=type(pod)), True

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
            "components": [c for c in self.components],
            **self.extra,
        }
