"""The pod's QoS class, computed from its containers' requests and limits as
Kubernetes' ``GetPodQOS`` does."""

from __future__ import annotations

from decimal import Decimal

from podd.model.container import ResourceList
from podd.model.pod import PodSpec
from podd.model.quantity import QuantityError, parse_quantity

__all__ = ["qos_class"]

_TRACKED = ("cpu", "memory")


def qos_class(spec: PodSpec) -> str:
    """``Guaranteed``, ``Burstable`` or ``BestEffort``.

    Expects a defaulted spec (requests already copied from limits). Guaranteed
    needs cpu and memory limits on every container and requests equal to the
    limits summed over the pod; no cpu/memory request or limit at all is
    BestEffort; anything else Burstable. Zero and unparsable values count as unset.
    """
    requests: dict[str, Decimal] = {}
    limits: dict[str, Decimal] = {}
    guaranteed = True
    for ctr in [*(spec.init_containers or ()), *spec.containers]:
        res = ctr.resources
        for name, value in _tracked(res.requests if res else None):
            requests[name] = requests.get(name, Decimal(0)) + value
        found: set[str] = set()
        for name, value in _tracked(res.limits if res else None):
            found.add(name)
            limits[name] = limits.get(name, Decimal(0)) + value
        if not found.issuperset(_TRACKED):
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    same = all(limits.get(k) == v for k, v in requests.items())
    if guaranteed and same and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def _tracked(resources: ResourceList | None) -> list[tuple[str, Decimal]]:
    out: list[tuple[str, Decimal]] = []
    for name, value in (resources or {}).items():
        if name not in _TRACKED:
            continue
        try:
            parsed = parse_quantity(value)
        except QuantityError:
            continue
        if parsed != 0:
            out.append((name, parsed))
    return out
