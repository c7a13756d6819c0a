"""Which endpoints serve which Service port, as kube-proxy reads
EndpointSlices: readiness, the terminating fallback, port names and
protocols, per-slice resolved targetPorts, and what gets no rules."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.model.endpointslice import EndpointSlice
from podd.model.service import Service, default_service
from podd.network.proxyplan import Backend, PortPlan, plan

NS = "default"


def service(name: str = "web", **spec: Any) -> Service:
    spec.setdefault("ports", [{"port": 80, "targetPort": 8080}])
    spec.setdefault("clusterIP", "10.96.0.20")
    body = {"metadata": {"name": name, "namespace": NS}, "spec": spec}
    return default_service(msgspec.convert(body, Service))


def endpoint(ip: str, **conditions: bool) -> dict[str, Any]:
    return {"addresses": [ip], "conditions": conditions}


def eps(
    owner: str,
    endpoints: list[dict[str, Any]],
    ports: list[dict[str, Any]] | None = None,
    *,
    name: str = "",
    ns: str = NS,
    family: str = "IPv4",
) -> EndpointSlice:
    body = {
        "metadata": {
            "name": name or f"{owner}-abc",
            "namespace": ns,
            "labels": {"kubernetes.io/service-name": owner},
        },
        "addressType": family,
        "endpoints": endpoints,
        "ports": ports if ports is not None else [{"name": "", "port": 8080, "protocol": "TCP"}],
    }
    return msgspec.convert(body, EndpointSlice)


def test_ready_endpoints_serve_unset_conditions_count_as_ready() -> None:
    slices = [
        eps(
            "web",
            [
                endpoint("10.88.0.3", ready=True, serving=True, terminating=False),
                endpoint("10.88.0.2"),  # no conditions: ready (kube-proxy's reading)
                endpoint("10.88.0.4", ready=False, serving=False, terminating=False),
                endpoint("10.88.0.5", ready=False, serving=True, terminating=True),
            ],
        )
    ]
    (p,) = plan([service()], slices)
    assert p == PortPlan(
        namespace=NS,
        service="web",
        port_name="",
        protocol="tcp",
        cluster_ip="10.96.0.20",
        port=80,
        backends=(Backend("10.88.0.2", 8080), Backend("10.88.0.3", 8080)),
    )
    assert p.name == "default/web/tcp/"


def test_serving_terminating_endpoints_serve_only_when_none_is_ready() -> None:
    slices = [
        eps(
            "web",
            [
                endpoint("10.88.0.4", ready=False, serving=False, terminating=True),
                endpoint("10.88.0.5", ready=False, serving=True, terminating=True),
            ],
        )
    ]
    (p,) = plan([service()], slices)
    assert p.backends == (Backend("10.88.0.5", 8080),)


def test_ports_match_by_name_and_protocol_with_the_slices_resolved_numbers() -> None:
    svc = service(
        ports=[
            {"name": "http", "port": 80, "targetPort": "web"},
            {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 5353},
        ]
    )
    # A named targetPort resolving to 8080 on one pod and 9090 on another:
    # two slices, each with its own number (what the endpoints controller writes).
    a = eps(
        "web",
        [endpoint("10.88.0.2")],
        [
            {"name": "http", "port": 8080, "protocol": "TCP"},
            {"name": "dns", "port": 5353, "protocol": "UDP"},
        ],
        name="web-a",
    )
    b = eps(
        "web",
        [endpoint("10.88.0.3")],
        [
            {"name": "http", "port": 9090, "protocol": "TCP"},
            {"name": "dns", "port": 53, "protocol": "TCP"},
        ],
        name="web-b",
    )
    http, dns = plan([svc], [a, b])
    assert (http.port_name, http.protocol, http.port) == ("http", "tcp", 80)
    assert http.backends == (Backend("10.88.0.2", 8080), Backend("10.88.0.3", 9090))
    assert (dns.port_name, dns.protocol) == ("dns", "udp")
    assert dns.backends == (Backend("10.88.0.2", 5353),)  # b's dns port is TCP


def test_an_endpoint_in_two_slices_counts_once_and_numeric_order_is_kept() -> None:
    a = eps("web", [endpoint("10.88.0.10"), endpoint("10.88.0.9")], name="web-a")
    b = eps("web", [endpoint("10.88.0.10")], name="web-b")
    (p,) = plan([service()], [a, b])
    assert p.backends == (Backend("10.88.0.9", 8080), Backend("10.88.0.10", 8080))


def test_slices_of_other_services_namespaces_and_families_are_ignored() -> None:
    slices = [
        eps("other", [endpoint("10.88.0.2")]),
        eps("web", [endpoint("10.88.0.3")], ns="prod"),
        eps("web", [endpoint("fd00::3")], family="IPv6"),
        eps("web", [endpoint("10.88.0.4")], [{"name": "", "port": 8080, "protocol": "UDP"}]),
    ]
    (p,) = plan([service()], slices)
    assert p.backends == ()


def test_headless_external_name_and_unallocated_services_get_nothing() -> None:
    headless = service("h", clusterIP="None")
    external = service("x", type="ExternalName", externalName="example.com", clusterIP=None)
    assert plan([headless, external], [eps("h", [endpoint("10.88.0.2")])]) == []


def test_node_port_external_ips_and_client_ip_affinity_are_carried() -> None:
    svc = service(
        type="NodePort",
        ports=[{"port": 80, "targetPort": 8080, "nodePort": 30080}],
        externalIPs=["192.0.2.7", "2001:db8::7"],
        sessionAffinity="ClientIP",
    )
    (p,) = plan([svc], [])
    assert (p.node_port, p.external_ips) == (30080, ("192.0.2.7",))
    assert p.affinity_timeout == 10800  # the apiserver's default
    svc.spec.session_affinity_config.client_ip.timeout_seconds = 60  # type: ignore[union-attr]
    assert plan([svc], [])[0].affinity_timeout == 60


def test_services_come_in_namespace_and_name_order() -> None:
    got = plan([service("b", clusterIP="10.96.0.2"), service("a", clusterIP="10.96.0.1")], [])
    assert [p.service for p in got] == ["a", "b"]
