"""What the controller needs from the container runtime: a narrow interface
(CRI-O's internal/oci idea, the kubelet's CRI). ``podd.controller.runtime_adapter``
implements it on ``podd.runtime``; workers depend only on this, and unit tests
drive them through a fake of it."""

from __future__ import annotations

from typing import Any, Protocol

import msgspec

from podd.controller.configs import PodConfigs
from podd.controller.observed import Instance
from podd.images import ImageRecord
from podd.model.container import Container
from podd.model.pod import Pod
from podd.sandbox import SandboxState
from podd.sandbox.process import ProcessRef


class ContainerConfigError(Exception):
    """The container cannot be configured (Kubernetes CreateContainerConfigError)."""

    reason = "CreateContainerConfigError"


class ContainerStartError(Exception):
    """The runtime could not create or start it (RunContainerError / StartError);
    ``runtime`` names the runtime that tried (for the failed run's containerID)."""

    reason = "RunContainerError"

    def __init__(self, message: str, runtime: str | None = None) -> None:
        super().__init__(message)
        self.runtime = runtime


class StartRequest(msgspec.Struct, frozen=True, kw_only=True):
    pod: Pod
    container: Container
    init: bool  # an init container (regular or sidecar)
    attempt: int  # restartCount of the new instance
    sandbox: SandboxState
    image: ImageRecord
    configs: PodConfigs = PodConfigs()  # ConfigMaps/Secrets, read once for this start
    lookups: Any = None  # env sources over ``configs`` (runtime.EnvSources)
    spec_hash: str = ""  # of the container spec this instance runs (restart on change)


class ExecResult(msgspec.Struct, frozen=True, rename="camel"):
    exit_code: int
    stdout: str
    stderr: str


class Recovered(msgspec.Struct, frozen=True):
    """A container instance found on disk after a podd restart."""

    name: str
    attempt: int
    instance: Instance
    image_id: str | None = None
    spec_hash: str | None = None  # None: started by a podd that did not record it


class ContainerRuntime(Protocol):
    async def start(self, req: StartRequest) -> Instance:
        """Create and start one container; raises ContainerConfigError or
        ContainerStartError (nothing is left behind on error)."""
        ...

    def refresh(self, pod_uid: str, instance: Instance) -> Instance:
        """The instance as it is now (exit files, cheap)."""
        ...

    async def stop(self, pod_uid: str, container_id: str, signal: str, grace: float) -> None:
        """Stop signal, then SIGKILL once ``grace`` has passed; returns once exited."""
        ...

    async def exec(
        self,
        pod_uid: str,
        container_id: str,
        command: list[str],
        *,
        stdin: bytes | None = None,
        timeout: float = 60.0,
    ) -> ExecResult: ...

    async def recover(self, pod_uid: str, sandbox: SandboxState) -> list[Recovered]:
        """Every started container instance of the pod found on disk, oldest
        first; half-made ones (a podd killed while creating) are removed."""
        ...

    async def remove_pod(self, pod_uid: str, sandbox: SandboxState | None) -> None:
        """Remove all containers, rootfs mounts and storage of the pod."""
        ...

    def monitor(self, pod_uid: str, container_id: str) -> ProcessRef | None:
        """The process supervising the instance (conmon), to watch for its death."""
        ...

    async def monitor_died(self, pod_uid: str, container_id: str) -> bool:
        """The monitor died: True when the container was left unsupervised
        and has been stopped (its exit is then recorded)."""
        ...

    def pod_of(self, container_id: str) -> str | None:
        """The uid of the pod a known container instance belongs to."""
        ...
