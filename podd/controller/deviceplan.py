"""Which devices a pod gets, as the scheduler and the kubelet's device
manager decide it (pure).

An extended resource (a qualified name outside ``kubernetes.io/``, e.g.
``nvidia.com/gpu``) is a whole number of devices. A CDI kind of the same
name (``nvidia.com/gpu``) supplies them: its devices are the node's capacity
of that resource. A pod needs, per resource, what the kubelet admits it for:
the larger of its biggest init container and the sum of its app containers
(init containers run one at a time, before the apps, so they reuse the apps'
devices). Every app container gets its own devices, not shared with another
container; an init container gets the first of the pod's.

A pod that cannot get them stays Pending, ``PodScheduled=False``, reason
``Unschedulable``, with the scheduler's message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec

from podd.controller.status import rfc3339, set_condition
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.podstatus import PodStatus
from podd.model.quantity import QuantityError, parse_quantity

__all__ = [
    "PodDevices",
    "PodNeeds",
    "is_extended",
    "plan_devices",
    "pod_needs",
    "scheduled",
    "unschedulable_message",
    "unschedulable_status",
]

UNSCHEDULABLE = "Unschedulable"


class PodNeeds(msgspec.Struct, frozen=True):
    """Devices per extended resource: each container's count and the pod's total."""

    total: dict[str, int] = {}
    init: dict[str, dict[str, int]] = {}  # container -> resource -> count
    apps: dict[str, dict[str, int]] = {}


class PodDevices(msgspec.Struct, frozen=True):
    """What a pod was given: container -> qualified CDI device names."""

    containers: dict[str, list[str]] = {}

    def all(self) -> list[str]:
        seen: dict[str, None] = {}
        for names in self.containers.values():
            seen.update(dict.fromkeys(names))
        return list(seen)


def is_extended(name: str) -> bool:
    """A resource that is counted, not a cpu/memory quantity (Kubernetes'
    IsExtendedResourceName)."""
    return "/" in name and not name.startswith(("kubernetes.io/", "requests."))


def _counts(c: Container) -> dict[str, int]:
    res = c.resources
    if res is None:
        return {}
    # Requests of an extended resource equal its limits (validated); either names it.
    merged = {**(res.requests or {}), **(res.limits or {})}
    out: dict[str, int] = {}
    for name, raw in merged.items():
        if not is_extended(name):
            continue
        try:
            count = int(parse_quantity(raw))
        except (QuantityError, ValueError):
            continue  # the API validated it: never here
        if count > 0:
            out[name] = count
    return out


def pod_needs(pod: Pod) -> PodNeeds:
    init = {c.name: got for c in pod.spec.init_containers or [] if (got := _counts(c))}
    apps = {c.name: got for c in pod.spec.containers if (got := _counts(c))}
    total: dict[str, int] = {}
    for counts in apps.values():
        for name, n in counts.items():
            total[name] = total.get(name, 0) + n
    for counts in init.values():
        for name, n in counts.items():
            total[name] = max(total.get(name, 0), n)
    return PodNeeds(total=total, init=init, apps=apps)


def plan_devices(needs: PodNeeds, free: Mapping[str, Sequence[str]]) -> PodDevices | list[str]:
    """The pod's devices from the free ones (in order), or the resources it
    lacks (sorted) when any falls short."""
    short = sorted(name for name, n in needs.total.items() if len(free.get(name, ())) < n)
    if short:
        return short
    taken = {name: list(free[name][:n]) for name, n in needs.total.items()}
    out: dict[str, list[str]] = {}
    offset: dict[str, int] = {}
    for cname, counts in needs.apps.items():
        for name, n in counts.items():
            start = offset.get(name, 0)
            out.setdefault(cname, []).extend(taken[name][start : start + n])
            offset[name] = start + n
    for cname, counts in needs.init.items():
        for name, n in counts.items():
            out.setdefault(cname, []).extend(taken[name][:n])
    return PodDevices(out)


def unschedulable_message(short: Sequence[str]) -> str:
    """The scheduler's FailedScheduling text for podd's one node."""
    reasons = ", ".join(f"1 Insufficient {name}" for name in short)
    return (
        f"0/1 nodes are available: {reasons}. preemption: 0/1 nodes are available: "
        "1 No preemption victims found for incoming pod."
    )


def unschedulable_status(pod: Pod, message: str, now: float) -> PodStatus:
    """A pod waiting for devices, as an unscheduled pod looks: Pending, one
    condition ``PodScheduled=False`` (reason Unschedulable), nothing started."""
    conditions = set_condition(
        list(pod.status.conditions or []), "PodScheduled", "False", rfc3339(now) or "",
        UNSCHEDULABLE, message,
    )  # fmt: skip
    scheduled = [c for c in conditions if c.type == "PodScheduled"]
    return PodStatus(phase="Pending", qos_class=pod.status.qos_class, conditions=scheduled)


def scheduled(status: PodStatus, now: float) -> PodStatus:
    """Once admitted, a pod that waited shows ``PodScheduled=True`` again."""
    conditions = status.conditions or []
    if not any(c.type == "PodScheduled" and c.status == "False" for c in conditions):
        return status
    return msgspec.structs.replace(
        status,
        conditions=set_condition(list(conditions), "PodScheduled", "True", rfc3339(now) or ""),
    )
