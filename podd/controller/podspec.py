"""Pure translations from a Pod to what the sandbox needs."""

from __future__ import annotations

from typing import Literal, cast

from podd.model.container import Container, ResourceList
from podd.model.pod import Pod
from podd.model.qos import qos_class
from podd.model.quantity import QuantityError, to_bytes, to_milli_cpu
from podd.sandbox import DNSOption, DNSSettings, HostAlias, PodLimits, PortForward, SandboxSpec
from podd.sandbox.etcfiles import DNSPolicy

ALLOW_HOST_LOOPBACK = "podd.io/allow-host-loopback"


def port_forwards(pod: Pod) -> list[PortForward]:
    """Every containerPort with a hostPort, app and init containers alike."""
    out: list[PortForward] = []
    for _, _, c in pod.spec.all_containers():
        for p in c.ports or []:
            if p.host_port:
                proto: Literal["TCP", "UDP"] = "UDP" if p.protocol == "UDP" else "TCP"
                out.append(
                    PortForward(
                        host_port=p.host_port,
                        container_port=p.container_port,
                        protocol=proto,
                        host_ip=p.host_ip or "127.0.0.1",
                    )
                )
    return out


_TRACKED = (("cpu", to_milli_cpu), ("memory", to_bytes))


def _amounts(resources: ResourceList | None) -> dict[str, int]:
    """cpu (millicores) and memory (bytes) of a resource list; raises QuantityError."""
    out: dict[str, int] = {}
    for name, conv in _TRACKED:
        if (value := (resources or {}).get(name)) is not None:
            out[name] = conv(value)
    return out


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for name, value in more.items():
        total[name] = total.get(name, 0) + value


def _pod_total(pod: Pod, limits: bool) -> tuple[dict[str, int], set[str]]:
    """Kubernetes' PodRequests/PodLimits before overhead: app containers and
    sidecars (restartable init containers) summed, each init container's use
    (itself plus the sidecars started before it) a floor. Also the resources
    some container's effective amount leaves at zero (not "declared")."""
    total: dict[str, int] = {}
    undeclared: set[str] = set()

    def seen(amounts: dict[str, int]) -> None:
        undeclared.update(name for name, _ in _TRACKED if not amounts.get(name))

    def of(ctr: Container) -> dict[str, int]:
        res = ctr.resources
        return _amounts((res.limits if limits else res.requests) if res else None)

    for ctr in pod.spec.containers:
        amounts = of(ctr)
        seen(amounts)
        _add(total, amounts)
    sidecars: dict[str, int] = {}
    floor: dict[str, int] = {}
    for ctr in pod.spec.init_containers or ():
        amounts = of(ctr)
        if ctr.restart_policy == "Always":
            _add(total, amounts)
            _add(sidecars, amounts)
            use = dict(sidecars)
        else:
            use = dict(amounts)
            _add(use, sidecars)
        seen(use)
        for name, value in use.items():
            floor[name] = max(floor.get(name, 0), value)
    for name, value in floor.items():
        total[name] = max(total.get(name, 0), value)
    return total, undeclared


def pod_limits(pod: Pod) -> PodLimits:
    """The pod cgroup's limits, as the kubelet's ResourceConfigForPod: cpu.weight
    from the summed cpu requests (the minimum for BestEffort), memory.max and
    cpu.max from the summed limits where every container declares one (always
    for Guaranteed), ``spec.overhead`` added to the requests and to the
    non-zero limits, memory.min (MemoryQoS) from the memory requests."""
    try:
        requests, _ = _pod_total(pod, limits=False)
        limits, undeclared = _pod_total(pod, limits=True)
        overhead = _amounts(pod.spec.overhead)
    except QuantityError:  # validated at the API; never here
        return PodLimits()
    _add(requests, overhead)
    for name, value in overhead.items():
        if limits.get(name):
            limits[name] += value
    memory_min = requests.get("memory") or None
    qos = qos_class(pod.spec)
    if qos == "BestEffort":
        return PodLimits(cpu_request_millis=0, memory_min_bytes=memory_min)
    guaranteed = qos == "Guaranteed"
    return PodLimits(
        memory_bytes=limits.get("memory") if guaranteed or "memory" not in undeclared else None,
        cpu_millis=limits.get("cpu") if guaranteed or "cpu" not in undeclared else None,
        cpu_request_millis=requests.get("cpu", 0),
        memory_min_bytes=memory_min,
    )


def dns_settings(pod: Pod) -> DNSSettings:
    cfg = pod.spec.dns_config
    return DNSSettings(
        policy=cast(DNSPolicy, pod.spec.dns_policy or "ClusterFirst"),
        nameservers=list(cfg.nameservers or []) if cfg else [],
        searches=list(cfg.searches or []) if cfg else [],
        options=[DNSOption(o.name or "", o.value) for o in (cfg.options or [])] if cfg else [],
    )


def sandbox_spec(pod: Pod, allow_host_loopback: bool = False) -> SandboxSpec:
    meta = pod.metadata
    annotations = meta.annotations or {}
    loopback = allow_host_loopback or annotations.get(ALLOW_HOST_LOOPBACK) == "true"
    return SandboxSpec(
        uid=meta.uid or "",
        name=meta.name or "",
        namespace=meta.namespace or "default",
        hostname=pod.spec.hostname,
        subdomain=pod.spec.subdomain,
        port_forwards=port_forwards(pod),
        allow_host_loopback=loopback,
        dns=dns_settings(pod),
        host_aliases=[
            HostAlias(a.ip, list(a.hostnames or [])) for a in pod.spec.host_aliases or []
        ],
        limits=pod_limits(pod),
    )
