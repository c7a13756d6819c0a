"""metrics.k8s.io/v1beta1 (read-only): PodMetrics and NodeMetrics as
metrics-server serves them, which is what ``kubectl top pod`` and ``kubectl
top node`` read.

Numbers come from the controller's usage sampler (``podd.controller.usage``):
cpu as a rate over the window between its last two samples, memory the
working set. As metrics-server does, a pod is listed only while Running and
while each of its running containers has two samples (a pod just started is
left out; ``kubectl top`` then says "metrics not available yet"), and a get
of such a pod is a 404 naming ``podmetrics.metrics.k8s.io "<ns>/<name>"``.
Items carry the pod's (node's) labels, so label selectors work.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

from podd.api import resources as res
from podd.api.nodes import node_object
from podd.api.pods import PODS
from podd.api.query import ListOptions
from podd.api.readonly import ReadOnlyType
from podd.api.tables.printer import Printer, name_column
from podd.api.tables.registry import register
from podd.api.tables.table import Cell, TableColumnDefinition
from podd.controller.usage import Usage
from podd.model.meta import ObjectMeta
from podd.model.metrics import (
    API_VERSION,
    ContainerMetrics,
    NodeMetrics,
    NodeMetricsList,
    PodMetrics,
    PodMetricsList,
    cpu_quantity,
    memory_quantity,
)
from podd.model.pod import PodList
from podd.model.quantity import parse_quantity
from podd.model.timeutil import format_rfc3339, now_rfc3339
from podd.services import Services

__all__ = ["NODE_METRICS", "POD_METRICS", "go_duration"]


def go_duration(seconds: float) -> str:
    """A duration as Go prints one (metav1.Duration): ``10.5s``, ``1m0.25s``."""
    ns = max(0, round(seconds * 1e9))
    if ns == 0:
        return "0s"
    hours, rest = divmod(ns, 3600 * 10**9)
    minutes, rest = divmod(rest, 60 * 10**9)
    whole, frac = divmod(rest, 10**9)
    secs = f"{whole}.{frac:09d}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{hours}h{minutes}m{secs}"
    if minutes:
        return f"{minutes}m{secs}"
    if ns < 10**9:  # Go prints sub-second durations in ms/µs/ns
        for unit, scale in (("ms", 10**6), ("µs", 10**3)):
            if ns >= scale:
                return f"{ns / scale:.9f}".rstrip("0").rstrip(".") + unit
        return f"{ns}ns"
    return secs


def _time(epoch: float) -> str:
    return format_rfc3339(datetime.fromtimestamp(epoch, UTC))


def _usage(u: Usage) -> dict[str, str]:
    return {"cpu": cpu_quantity(u.nanocores), "memory": memory_quantity(u.memory)}


async def pod_metrics_items(svc: Services, ns: str | None, opts: ListOptions) -> list[Any]:
    sampler = svc.usage
    if sampler is None:
        return []
    # The pods (their selectors applied by the store), in namespace/name order.
    listed = msgspec.structs.replace(opts, limit=None, after=None)
    pods = msgspec.json.decode(await res.list_objects(svc, PODS, ns, listed), type=PodList)
    running = [p for p in pods.items if p.status.phase == "Running" and p.metadata.uid]
    usages = await sampler.pods_usage([p.metadata.uid or "" for p in running])
    out: list[PodMetrics] = []
    for pod in running:
        usage = usages.get(pod.metadata.uid or "")
        if not usage:
            continue
        earliest = min(usage.values(), key=lambda u: u.timestamp)
        out.append(
            PodMetrics(
                metadata=ObjectMeta(
                    name=pod.metadata.name,
                    namespace=pod.metadata.namespace,
                    creation_timestamp=now_rfc3339(),
                    labels=pod.metadata.labels,
                ),
                timestamp=_time(earliest.timestamp),
                window=go_duration(earliest.window),
                containers=[ContainerMetrics(name=n, usage=_usage(u)) for n, u in usage.items()],
            )
        )
    return out


async def pod_exists(svc: Services, ns: str, name: str) -> None:
    """A missing pod's metrics are the pod's 404 (``pods "x" not found``)."""
    await res.get_object(svc, PODS, ns, name)


async def node_metrics_items(svc: Services, _ns: str | None, _opts: ListOptions) -> list[Any]:
    usage = await svc.usage.node_usage() if svc.usage is not None else None
    if usage is None:
        return []
    node = node_object(svc)
    meta = ObjectMeta(
        name=node.metadata.name, creation_timestamp=now_rfc3339(), labels=node.metadata.labels
    )
    return [
        NodeMetrics(
            metadata=meta,
            timestamp=_time(usage.timestamp),
            window=go_duration(usage.window),
            usage=_usage(usage),
        )
    ]


POD_METRICS = ReadOnlyType(
    kind="PodMetrics",
    plural="pods",
    singular="",
    api_version=API_VERSION,
    struct=PodMetrics,
    list_struct=PodMetricsList,
    items=pod_metrics_items,
    namespaced=True,
    resource="podmetrics",
    about=pod_exists,
)
NODE_METRICS = ReadOnlyType(
    kind="NodeMetrics",
    plural="nodes",
    singular="",
    api_version=API_VERSION,
    struct=NodeMetrics,
    list_struct=NodeMetricsList,
    items=node_metrics_items,
    resource="nodemetrics",
)


# -- kubectl get podmetrics / nodemetrics: metrics-server's columns -----------
def _columns() -> tuple[TableColumnDefinition, ...]:
    return (
        name_column(),
        TableColumnDefinition("cpu", "string", "quantity", ""),
        TableColumnDefinition("memory", "string", "quantity", ""),
        TableColumnDefinition("Window", "string", "duration", ""),
    )


def _sum(usages: list[dict[str, str]], key: str) -> str:
    total = sum((parse_quantity(u.get(key, "0")) for u in usages), start=parse_quantity(0))
    if key == "cpu":
        return cpu_quantity(int(total * 10**9))
    return memory_quantity(int(total))


def _pod_cells(pm: PodMetrics, _now: datetime) -> list[Cell]:
    usages = [c.usage for c in pm.containers]
    return [pm.metadata.name or "", _sum(usages, "cpu"), _sum(usages, "memory"), pm.window]


def _node_cells(nm: NodeMetrics, _now: datetime) -> list[Cell]:
    return [
        nm.metadata.name or "",
        nm.usage.get("cpu", "0"),
        nm.usage.get("memory", "0"),
        nm.window,
    ]


register("PodMetrics", Printer(PodMetrics, _columns(), _pod_cells))
register("NodeMetrics", Printer(NodeMetrics, _columns(), _node_cells))
