"""What a pod worker may use: one frozen bundle of narrow dependencies, built
once by the composition root (``podd.controller.compose``). A worker holds no
reference to its manager; helpers take what they need from here and return
results."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from podd.controller.backoff import BackoffPolicy
from podd.controller.configs import PodConfigs
from podd.controller.devices import DeviceAllocator
from podd.controller.hooks import HookRunner
from podd.controller.imagepull import ImagePuller
from podd.controller.podstore import PodStore
from podd.controller.probes import ProbeManager
from podd.controller.runtime_api import ContainerRuntime
from podd.controller.sandbox_api import SandboxRuntime
from podd.controller.supervisor import Supervisor
from podd.controller.volumes import PodVolumes
from podd.model.pod import Pod
from podd.store.events import EventRecorder

RemoveFiles = Callable[[Pod, int | None], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Containers:
    """Running containers: present only when the host can run them."""

    runtime: ContainerRuntime
    images: ImagePuller
    probes: ProbeManager
    hooks: HookRunner
    volumes: PodVolumes | None = None


@dataclass(frozen=True, slots=True)
class WorkerDeps:
    events: EventRecorder
    pods: PodStore
    configs: Callable[[str], Awaitable[PodConfigs]]  # a namespace's ConfigMaps/Secrets
    remove_files: RemoveFiles  # the pod's logs and volumes, once it is deleted
    backoff: BackoffPolicy  # CrashLoopBackOff
    sandbox_backoff: BackoffPolicy  # failed sandbox creations
    sandboxes: SandboxRuntime | None = None
    sandbox_unavailable: str | None = None  # why sandboxes cannot be built here
    containers: Containers | None = None
    supervisor: Supervisor | None = None  # notices pause/slirp4netns/conmon deaths
    host_ip: str = "127.0.0.1"
    allocatable: Mapping[str, str] = field(default_factory=dict)  # node cpu/memory
    allow_host_loopback: bool = False
    devices: DeviceAllocator | None = None  # extended resources (CDI devices) and who holds them
