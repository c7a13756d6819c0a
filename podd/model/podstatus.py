"""What podd observed about a pod: phase, conditions, container states, IPs."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always
from podd.model.container import ResourceList, ResourceRequirements

__all__ = [
    "ContainerState",
    "ContainerStateRunning",
    "ContainerStateTerminated",
    "ContainerStateWaiting",
    "ContainerStatus",
    "HostIP",
    "PodCondition",
    "PodIP",
    "PodStatus",
]


class PodCondition(K8sStruct):
    """``PodScheduled``, ``Initialized``, ``ContainersReady``, ``Ready`` ...

    ``status`` is ``True``, ``False`` or ``Unknown``.
    """

    type: str = always("")
    status: str = always("")
    observed_generation: int | None = None
    last_probe_time: str | None = None
    last_transition_time: str | None = None
    reason: str | None = None
    message: str | None = None


class HostIP(K8sStruct):
    ip: str = always("")


class PodIP(K8sStruct):
    ip: str = always("")


class ContainerStateWaiting(K8sStruct):
    reason: str | None = None
    message: str | None = None


class ContainerStateRunning(K8sStruct):
    started_at: str | None = None


class ContainerStateTerminated(K8sStruct):
    exit_code: int = always(0)
    signal: int | None = None
    reason: str | None = None
    message: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    container_id: str | None = msgspec.field(default=None, name="containerID")


class ContainerState(K8sStruct):
    """At most one of waiting/running/terminated; empty means "waiting" to clients."""

    waiting: ContainerStateWaiting | None = None
    running: ContainerStateRunning | None = None
    terminated: ContainerStateTerminated | None = None


class ContainerStatus(K8sStruct):
    name: str = always("")
    state: ContainerState = msgspec.field(default_factory=ContainerState)
    last_state: ContainerState = msgspec.field(default_factory=ContainerState)
    ready: bool = always(False)
    restart_count: int = always(0)
    image: str = always("")
    image_id: str = always("", name="imageID")
    container_id: str | None = msgspec.field(default=None, name="containerID")
    started: bool | None = None
    allocated_resources: ResourceList | None = None
    resources: ResourceRequirements | None = None
    stop_signal: str | None = None


class PodStatus(K8sStruct):
    observed_generation: int | None = None
    phase: str | None = None
    conditions: list[PodCondition] | None = None
    message: str | None = None
    reason: str | None = None
    nominated_node_name: str | None = None
    host_ip: str | None = msgspec.field(default=None, name="hostIP")
    host_ips: list[HostIP] | None = msgspec.field(default=None, name="hostIPs")
    pod_ip: str | None = msgspec.field(default=None, name="podIP")
    pod_ips: list[PodIP] | None = msgspec.field(default=None, name="podIPs")
    start_time: str | None = None
    init_container_statuses: list[ContainerStatus] | None = None
    container_statuses: list[ContainerStatus] | None = None
    qos_class: str | None = None
    ephemeral_container_statuses: list[ContainerStatus] | None = None
    resize: str | None = None

    def condition(self, type_: str) -> PodCondition | None:
        """The condition of the given type, if present."""
        for cond in self.conditions or ():
            if cond.type == type_:
                return cond
        return None
