"""Pure translations from a Pod to what the sandbox needs."""

from __future__ import annotations

from typing import Literal, cast

from podd.model.pod import Pod
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


def pod_limits(pod: Pod) -> PodLimits:
    """Pod-level limits: the sum over app containers (a limit is set only when
    every container has one, since one unlimited container makes the pod
    unlimited), cpu requests for the weight."""
    containers = pod.spec.containers
    mem = cpu = 0
    mem_all = cpu_all = bool(containers)
    cpu_req = 0
    try:
        for c in containers:
            lim = (c.resources.limits if c.resources else None) or {}
            req = (c.resources.requests if c.resources else None) or {}
            if "memory" in lim:
                mem += to_bytes(lim["memory"])
            else:
                mem_all = False
            if "cpu" in lim:
                cpu += to_milli_cpu(lim["cpu"])
            else:
                cpu_all = False
            if "cpu" in req:
                cpu_req += to_milli_cpu(req["cpu"])
    except QuantityError:  # validated at the API; never here
        return PodLimits()
    return PodLimits(
        memory_bytes=mem if mem_all else None,
        cpu_millis=cpu if cpu_all else None,
        cpu_request_millis=cpu_req or None,
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
