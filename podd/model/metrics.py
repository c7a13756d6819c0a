"""metrics.k8s.io/v1beta1: what metrics-server serves and ``kubectl top``
reads: a pod's usage per container and a node's usage, each over a window.

``usage`` maps a resource name to a quantity: ``cpu`` in nanocores
(``"250000000n"``), ``memory`` the working set in bytes (``"2748180Ki"``),
both canonical as metrics-server writes them.
"""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "API_VERSION",
    "ContainerMetrics",
    "NodeMetrics",
    "NodeMetricsList",
    "PodMetrics",
    "PodMetricsList",
    "cpu_quantity",
    "memory_quantity",
]

API_VERSION = "metrics.k8s.io/v1beta1"  # names the OpenAPI definitions (kubeopenapi.names)


class ContainerMetrics(K8sStruct):
    """The usage of one container of a pod."""

    name: str = always("")
    usage: dict[str, str] = always({})


class PodMetrics(K8sStruct):
    """A pod's usage: the sample's time, the window its cpu rate is over, and each container's."""

    api_version: str = always(API_VERSION)
    kind: str = always("PodMetrics")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    timestamp: str = always("")
    window: str = always("")
    containers: list[ContainerMetrics] = always_list()


class PodMetricsList(K8sStruct):
    api_version: str = always(API_VERSION)
    kind: str = always("PodMetricsList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[PodMetrics] = always_list()


class NodeMetrics(K8sStruct):
    """A node's usage: the sample's time, the window its cpu rate is over, and the usage."""

    api_version: str = always(API_VERSION)
    kind: str = always("NodeMetrics")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    timestamp: str = always("")
    window: str = always("")
    usage: dict[str, str] = always({})


class NodeMetricsList(K8sStruct):
    api_version: str = always(API_VERSION)
    kind: str = always("NodeMetricsList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[NodeMetrics] = always_list()


def _canonical(value: int, suffixes: tuple[str, ...]) -> str:
    """``value`` (in the unit of ``suffixes[0]``) with the largest suffix that
    keeps it whole, each suffix 1000 times the one before (resource.Quantity's
    canonical decimal form)."""
    if value == 0:
        return "0"
    i = 0
    while i + 1 < len(suffixes) and value % 1000 == 0:
        value //= 1000
        i += 1
    return f"{value}{suffixes[i]}"


def cpu_quantity(nanocores: int) -> str:
    """``"250m"``, ``"1234567n"``: nanocores as a canonical quantity."""
    return _canonical(max(0, nanocores), ("n", "u", "m", ""))


def memory_quantity(size: int) -> str:
    """``"2748180Ki"``: bytes as a canonical binary quantity (metrics-server's BinarySI)."""
    size = max(0, size)
    if size == 0:
        return "0"
    for suffix in ("", "Ki", "Mi", "Gi", "Ti", "Pi"):
        if size % 1024 or suffix == "Pi":
            return f"{size}{suffix}"
        size //= 1024
    return f"{size}Ei"
