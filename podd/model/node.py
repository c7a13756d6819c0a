"""Node (core/v1): the one host a podd runs its pods on, as the kubelet
reports it: capacity and allocatable, addresses, a Ready condition and the
node's system info. Never stored: built from what podd knows of its host."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "Node",
    "NodeAddress",
    "NodeCondition",
    "NodeList",
    "NodeSpec",
    "NodeStatus",
    "NodeSystemInfo",
]


class NodeAddress(K8sStruct):
    type: str = always("")  # InternalIP | Hostname
    address: str = always("")


class NodeCondition(K8sStruct):
    type: str = always("")
    status: str = always("")
    last_heartbeat_time: str | None = None
    last_transition_time: str | None = None
    reason: str | None = None
    message: str | None = None


class NodeSystemInfo(K8sStruct):
    machine_id: str = always("", name="machineID")
    system_uuid: str = always("", name="systemUUID")
    boot_id: str = always("", name="bootID")
    kernel_version: str = always("")
    os_image: str = always("")
    container_runtime_version: str = always("")
    kubelet_version: str = always("")
    kube_proxy_version: str = always("")
    operating_system: str = always("")
    architecture: str = always("")


class NodeSpec(K8sStruct):
    pod_cidr: str | None = msgspec.field(default=None, name="podCIDR")
    pod_cidrs: list[str] | None = msgspec.field(default=None, name="podCIDRs")
    unschedulable: bool | None = None


class NodeStatus(K8sStruct):
    capacity: dict[str, str] | None = None
    allocatable: dict[str, str] | None = None
    conditions: list[NodeCondition] | None = None
    addresses: list[NodeAddress] | None = None
    node_info: NodeSystemInfo | None = None


class Node(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("Node")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: NodeSpec = msgspec.field(default_factory=NodeSpec)
    status: NodeStatus = msgspec.field(default_factory=NodeStatus)


class NodeList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("NodeList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Node] = always_list()
