"""core/v1 Service: the Structs, the apiserver's defaults, and what a Service
holds (its clusterIP and nodePorts, see :mod:`podd.model.servicealloc`).

Defaults follow ``SetDefaults_Service`` and the registry's create strategy:
``type: ClusterIP``, ``sessionAffinity: None`` (``ClientIP`` gets a
``timeoutSeconds`` of 10800), ports ``protocol: TCP`` and ``targetPort`` =
``port``, ``internalTrafficPolicy: Cluster`` (not for ExternalName),
``externalTrafficPolicy: Cluster`` for NodePort and LoadBalancer,
``allocateLoadBalancerNodePorts: true`` for LoadBalancer, and ``status:
{loadBalancer: {}}`` always there, as Go serializes it.
"""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "CLUSTER_IP_NONE",
    "DEFAULT_CLIENT_IP_TIMEOUT",
    "ClientIPConfig",
    "LoadBalancerIngress",
    "LoadBalancerStatus",
    "Service",
    "ServiceList",
    "ServicePort",
    "ServiceSpec",
    "ServiceStatus",
    "SessionAffinityConfig",
    "default_service",
    "is_headless",
]

CLUSTER_IP_NONE = "None"
DEFAULT_CLIENT_IP_TIMEOUT = 10800  # 3 hours, the apiserver's default
TYPES_WITH_NODE_PORTS = ("NodePort", "LoadBalancer")


class ServicePort(K8sStruct):
    name: str | None = None
    protocol: str | None = None
    app_protocol: str | None = None
    port: int = always(0)
    target_port: int | str | None = None
    node_port: int | None = None


class ClientIPConfig(K8sStruct):
    timeout_seconds: int | None = None


class SessionAffinityConfig(K8sStruct):
    client_ip: ClientIPConfig | None = msgspec.field(default=None, name="clientIP")


class ServiceSpec(K8sStruct):
    ports: list[ServicePort] | None = None
    selector: dict[str, str] | None = None
    cluster_ip: str | None = msgspec.field(default=None, name="clusterIP")
    cluster_ips: list[str] | None = msgspec.field(default=None, name="clusterIPs")
    type: str | None = None
    external_ips: list[str] | None = msgspec.field(default=None, name="externalIPs")
    session_affinity: str | None = None
    load_balancer_ip: str | None = msgspec.field(default=None, name="loadBalancerIP")
    load_balancer_source_ranges: list[str] | None = None
    external_name: str | None = None
    external_traffic_policy: str | None = None
    health_check_node_port: int | None = None
    publish_not_ready_addresses: bool | None = None
    session_affinity_config: SessionAffinityConfig | None = None
    ip_families: list[str] | None = None
    ip_family_policy: str | None = None
    allocate_load_balancer_node_ports: bool | None = None
    load_balancer_class: str | None = None
    internal_traffic_policy: str | None = None
    traffic_distribution: str | None = None


class PortStatus(K8sStruct):
    port: int = always(0)
    protocol: str = always("")
    error: str | None = None


class LoadBalancerIngress(K8sStruct):
    ip: str | None = None
    hostname: str | None = None
    ip_mode: str | None = None
    ports: list[PortStatus] | None = None


class LoadBalancerStatus(K8sStruct):
    ingress: list[LoadBalancerIngress] | None = None


class ServiceCondition(K8sStruct):
    """A ``metav1.Condition``."""

    type: str = always("")
    status: str = always("")
    observed_generation: int | None = None
    last_transition_time: str = always("")
    reason: str = always("")
    message: str = always("")


class ServiceStatus(K8sStruct):
    load_balancer: LoadBalancerStatus = msgspec.field(default_factory=LoadBalancerStatus)
    conditions: list[ServiceCondition] | None = None


class Service(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("Service")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: ServiceSpec = msgspec.field(default_factory=ServiceSpec)
    status: ServiceStatus = msgspec.field(default_factory=ServiceStatus)


class ServiceList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("ServiceList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Service] = always_list()


def is_headless(spec: ServiceSpec) -> bool:
    return spec.cluster_ip == CLUSTER_IP_NONE


def default_service(svc: Service) -> Service:
    """The apiserver's defaults, in place; returns ``svc``."""
    spec = svc.spec
    spec.type = spec.type or "ClusterIP"
    spec.session_affinity = spec.session_affinity or "None"
    if spec.session_affinity == "ClientIP":
        cfg = spec.session_affinity_config or SessionAffinityConfig()
        cfg.client_ip = cfg.client_ip or ClientIPConfig()
        if cfg.client_ip.timeout_seconds is None:
            cfg.client_ip.timeout_seconds = DEFAULT_CLIENT_IP_TIMEOUT
        spec.session_affinity_config = cfg
    for port in spec.ports or ():
        port.protocol = port.protocol or "TCP"
        if port.target_port in (None, 0, ""):
            port.target_port = port.port
    if spec.type in TYPES_WITH_NODE_PORTS:
        spec.external_traffic_policy = spec.external_traffic_policy or "Cluster"
    if spec.type == "LoadBalancer" and spec.allocate_load_balancer_node_ports is None:
        spec.allocate_load_balancer_node_ports = True
    if spec.type != "ExternalName":
        spec.internal_traffic_policy = spec.internal_traffic_policy or "Cluster"
    # clusterIP and clusterIPs name the same first address: either fills the other.
    if spec.cluster_ip and not spec.cluster_ips:
        spec.cluster_ips = [spec.cluster_ip]
    elif spec.cluster_ips and not spec.cluster_ip:
        spec.cluster_ip = spec.cluster_ips[0]
    return svc
