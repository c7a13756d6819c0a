"""The environment the kubelet gives every container about Services: for each
Service with a clusterIP in the pod's namespace (``enableServiceLinks``, true
by default) and the ``kubernetes`` Service of ``default`` always,
``{NAME}_SERVICE_HOST``/``_SERVICE_PORT[_{PORT}]`` and the Docker-link
``{NAME}_PORT*`` variables (``envvars.FromServices``). A container's own
variables win over these and may refer to them as ``$(DB_SERVICE_HOST)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from podd.model.service import CLUSTER_IP_NONE, Service

__all__ = ["service_env"]


def _name(name: str) -> str:
    return name.upper().replace("-", "_")


def _one(svc: Service) -> dict[str, str]:
    ip = svc.spec.cluster_ip or ""
    name = _name(svc.metadata.name or "")
    ports = svc.spec.ports or []
    env = {f"{name}_SERVICE_HOST": ip}
    if ports:
        env[f"{name}_SERVICE_PORT"] = str(ports[0].port)
    for port in ports:
        if port.name:
            env[f"{name}_SERVICE_PORT_{_name(port.name)}"] = str(port.port)
    # Docker links: the first port as {NAME}_PORT, each as {NAME}_PORT_{port}_{PROTO}_*
    host = f"[{ip}]" if ":" in ip else ip
    for i, port in enumerate(ports):
        proto = (port.protocol or "TCP").lower()
        url = f"{proto}://{host}:{port.port}"
        if i == 0:
            env[f"{name}_PORT"] = url
        prefix = f"{name}_PORT_{port.port}_{proto.upper()}"
        env[prefix] = url
        env[f"{prefix}_PROTO"] = proto
        env[f"{prefix}_PORT"] = str(port.port)
        env[f"{prefix}_ADDR"] = ip
    return env


def service_env(
    namespace: str,
    services: Iterable[Service],
    enable_service_links: bool | None,
    master: Service | None = None,
) -> dict[str, str]:
    """``services``: those of the pod's namespace; ``master``: ``default/kubernetes``
    (given whatever the namespace, as the kubelet does)."""
    env: dict[str, str] = {}
    chosen: dict[str, Service] = {}
    if enable_service_links is not False:
        for svc in services:
            if svc.metadata.namespace == namespace:
                chosen[svc.metadata.name or ""] = svc
    if master is not None:
        chosen["kubernetes"] = master
    for name in sorted(chosen):
        svc = chosen[name]
        if svc.spec.cluster_ip and svc.spec.cluster_ip != CLUSTER_IP_NONE:
            env.update(_one(svc))
    return env
