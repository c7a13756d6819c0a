"""Nodes (core/v1, read-only): the one node a podd is, as its kubelet would
report it, so ``kubectl get nodes`` lists it and ``kubectl top node`` finds
the allocatable its percentages are of.

Named ``svc.node_name`` (the host name, as a kubelet names its node), with
the well-known labels (hostname, os, arch); capacity and allocatable are
what podd gives pods (``podd.nodeinfo``: the cpus it may use, the memory,
the data dir's filesystem; pods as the kubelet's default maxPods); always
Ready while podd answers; addresses InternalIP and Hostname; nodeInfo from
the host. Printed as the apiserver prints nodes: NAME STATUS ROLES AGE
VERSION (-o wide adds the addresses and the system).
"""

from __future__ import annotations

import functools
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from podd import __version__
from podd.api.query import ListOptions
from podd.api.readonly import ReadOnlyType
from podd.api.system import version_info
from podd.api.tables.duration import since
from podd.api.tables.printer import Printer, age_column, name_column
from podd.api.tables.registry import register
from podd.api.tables.table import Cell, TableColumnDefinition
from podd.model.meta import ObjectMeta
from podd.model.node import (
    Node,
    NodeAddress,
    NodeCondition,
    NodeList,
    NodeStatus,
    NodeSystemInfo,
)
from podd.model.timeutil import format_rfc3339, now_rfc3339
from podd.nodeinfo import node_allocatable
from podd.services import Services

__all__ = ["NODES", "go_arch", "node_object"]

MAX_PODS = "110"  # the kubelet's default maxPods
_ARCH = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "ppc64le": "ppc64le"}


def go_arch(machine: str) -> str:
    """``amd64`` for ``x86_64``: architectures as Kubernetes names them (GOARCH)."""
    return _ARCH.get(machine, machine)


def _first_line(path: str) -> str:
    try:
        return Path(path).read_text().strip().splitlines()[0]
    except (OSError, IndexError):
        return ""


def _os_image() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.partition("=")[2].strip().strip('"')
    except OSError:
        pass
    return "Linux"


@functools.cache
def _system_info() -> NodeSystemInfo:
    """What the kubelet reports of its host (read once: it does not change)."""
    kubelet = version_info()["gitVersion"]
    machine_id = _first_line("/etc/machine-id")
    return NodeSystemInfo(
        machine_id=machine_id,
        system_uuid=machine_id,
        boot_id=_first_line("/proc/sys/kernel/random/boot_id"),
        kernel_version=platform.release(),
        os_image=_os_image(),
        container_runtime_version=f"podd://{__version__}",
        kubelet_version=kubelet,
        kube_proxy_version=kubelet,
        operating_system="linux",
        architecture=go_arch(platform.machine()),
    )


@functools.cache
def _fallback_allocatable() -> dict[str, str]:
    return {k: str(v) for k, v in node_allocatable("/").items()}


def node_object(svc: Services) -> Node:
    name = svc.node_name
    deps = svc.controller.deps if svc.controller is not None else None
    allocatable = dict(deps.allocatable) if deps is not None else _fallback_allocatable()
    allocatable["pods"] = MAX_PODS
    if deps is not None and deps.devices is not None:  # extended resources: CDI devices
        allocatable.update({k: str(n) for k, n in deps.devices.capacity().items()})
    host_ip = deps.host_ip if deps is not None else "127.0.0.1"
    started = format_rfc3339(datetime.fromtimestamp(svc.started_at, UTC))
    info = _system_info()
    labels = {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": info.operating_system,
        "kubernetes.io/arch": info.architecture,
        "beta.kubernetes.io/os": info.operating_system,
        "beta.kubernetes.io/arch": info.architecture,
    }
    ready = NodeCondition(
        type="Ready",
        status="True",
        last_heartbeat_time=now_rfc3339(),
        last_transition_time=started,
        reason="KubeletReady",
        message="podd is posting ready status",
    )
    return Node(
        metadata=ObjectMeta(name=name, creation_timestamp=started, labels=labels),
        status=NodeStatus(
            capacity=dict(allocatable),
            allocatable=allocatable,
            conditions=[ready],
            addresses=[
                NodeAddress(type="InternalIP", address=host_ip),
                NodeAddress(type="Hostname", address=name),
            ],
            node_info=info,
        ),
    )


async def node_items(svc: Services, _ns: str | None, _opts: ListOptions) -> list[Any]:
    return [node_object(svc)]


NODES = ReadOnlyType(
    kind="Node",
    plural="nodes",
    singular="node",
    api_version="v1",
    struct=Node,
    list_struct=NodeList,
    items=node_items,
    short_names=("no",),
)


# -- kubectl get nodes ------------------------------------------------------
def _col(name: str, description: str, priority: int = 0) -> TableColumnDefinition:
    return TableColumnDefinition(name, "string", "", description, priority)


def _node_cells(node: Node, now: datetime) -> list[Cell]:
    conditions = node.status.conditions or []
    ready = next((c for c in conditions if c.type == "Ready"), None)
    status = "Ready" if ready is not None and ready.status == "True" else "NotReady"
    labels = node.metadata.labels or {}
    roles = sorted(
        k.removeprefix("node-role.kubernetes.io/")
        for k in labels
        if k.startswith("node-role.kubernetes.io/")
    )
    addresses = {a.type: a.address for a in node.status.addresses or []}
    info = node.status.node_info or NodeSystemInfo()
    return [
        node.metadata.name or "",
        status,
        ",".join(roles) or "<none>",
        since(node.metadata.creation_timestamp, now),
        info.kubelet_version,
        addresses.get("InternalIP", "<none>"),
        addresses.get("ExternalIP", "<none>"),
        info.os_image,
        info.kernel_version,
        info.container_runtime_version,
    ]


NODE_PRINTER: Printer[Node] = Printer(
    Node,
    (
        name_column(),
        _col("Status", "The status of the node"),
        _col("Roles", "The roles of the node"),
        age_column(),
        _col("Version", "Kubelet Version reported by the node."),
        _col("Internal-IP", "List of internal IPs.", 1),
        _col("External-IP", "List of external IPs.", 1),
        _col("OS-Image", "OS image reported by the node.", 1),
        _col("Kernel-Version", "Kernel version reported by the node.", 1),
        _col("Container-Runtime", "Container runtime reported by the node.", 1),
    ),
    _node_cells,
)
register("Node", NODE_PRINTER)
