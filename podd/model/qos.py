"""The pod's QoS class, computed from its containers' requests and limits as
Kubernetes' ``GetPodQOS`` does."""

from __future__ import annotations

from podd.model.pod import PodSpec
from podd.model.quantity import parse_quantity

_TRACKED = ("cpu", "memory")


def qos_class(spec: PodSpec) -> str:
    containers = [*(spec.init_containers or []), *spec.containers]
    requests: dict[str, object] = {}
    limits: dict[str, object] = {}
    guaranteed = True
    for c in containers:
        res = c.resources
        req = {k: v for k, v in ((res.requests if res else None) or {}).items() if k in _TRACKED}
        lim = {k: v for k, v in ((res.limits if res else None) or {}).items() if k in _TRACKED}
        for k, v in req.items():
            if parse_quantity(v) != 0:
                requests[k] = v
        for k, v in lim.items():
            if parse_quantity(v) != 0:
                limits[k] = v
        if set(lim) != set(_TRACKED):
            guaranteed = False
        # A container whose request differs from its limit is not Guaranteed.
        for k, v in req.items():
            if k in lim and parse_quantity(v) != parse_quantity(lim[k]):
                guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"
