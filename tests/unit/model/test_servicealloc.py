"""The Service claim rule, pure: what it picks, what it refuses, and what an
update carries over."""

from __future__ import annotations

import random
from typing import Any

import msgspec
import pytest

from podd.model.errors import InvalidError
from podd.model.service import Service, default_service
from podd.model.servicealloc import (
    POOL_CLUSTER_IP,
    POOL_NODE_PORT,
    RangeFullError,
    ServiceClaims,
    carry_allocations,
    init_ip_families,
)


def svc(**spec: Any) -> Service:
    spec.setdefault("ports", [{"port": 80}])
    body = {"metadata": {"name": "s", "namespace": "d"}, "spec": spec}
    return default_service(msgspec.convert(body, Service))


def taken(ips: set[str] | None = None, ports: set[str] | None = None) -> dict[str, set[str]]:
    return {POOL_CLUSTER_IP: ips or set(), POOL_NODE_PORT: ports or set()}


def test_dynamic_picks_prefer_the_upper_band_then_fall_back() -> None:
    rule = ServiceClaims("10.96.0.0/28", rng=random.Random(1))  # 14 addresses, 16 static
    # a /28 is all "static band": picks come from it, never network/broadcast
    got = {rule.hold(svc(), taken())[0][1] for _ in range(50)}
    assert got <= {f"10.96.0.{i}" for i in range(1, 15)}
    big = ServiceClaims("10.96.0.0/16", rng=random.Random(2))
    for _ in range(20):
        ((_, ip),) = big.hold(svc(), taken())
        assert ip.split(".")[2] != "0"  # 10.96.0.x is left for picks by hand
    full = ServiceClaims("10.96.0.0/30")  # .1 and .2
    with pytest.raises(RangeFullError):
        full.hold(svc(), taken({"10.96.0.1", "10.96.0.2"}))
    assert full.hold(svc(), taken({"10.96.0.1"})) == [(POOL_CLUSTER_IP, "10.96.0.2")]


def test_requested_values_are_checked() -> None:
    rule = ServiceClaims()
    with pytest.raises(InvalidError) as err:
        rule.hold(svc(clusterIP="10.96.0.0"), taken())  # the network address
    assert "provided IP is not in the valid range" in str(err.value)
    with pytest.raises(InvalidError) as err:
        rule.hold(
            svc(type="NodePort", ports=[{"port": 1, "nodePort": 30001}]), taken(ports={"30001"})
        )
    assert err.value.causes[0].field == "spec.ports[0].nodePort"


def test_one_node_port_per_port_number_tcp_and_udp_alike() -> None:
    rule = ServiceClaims(rng=random.Random(3))
    s = svc(
        type="NodePort",
        ports=[{"name": "t", "port": 53}, {"name": "u", "port": 53, "protocol": "UDP"}],
    )
    held = rule.hold(s, taken())
    ports = s.spec.ports or []
    assert ports[0].node_port == ports[1].node_port
    assert [p for p, _ in held].count(POOL_NODE_PORT) == 1


def test_a_load_balancer_may_opt_out_of_node_ports() -> None:
    rule = ServiceClaims()
    s = svc(type="LoadBalancer", allocateLoadBalancerNodePorts=False)
    assert [p for p, _ in rule.hold(s, taken())] == [POOL_CLUSTER_IP]
    assert (s.spec.ports or [])[0].node_port is None


def test_families_and_carried_allocations() -> None:
    headless = svc(clusterIP="None", selector=None)
    init_ip_families(headless, None, "IPv4")
    assert (headless.spec.ip_family_policy, headless.spec.ip_families) == (
        "RequireDualStack",
        ["IPv4", "IPv6"],
    )
    old = svc(
        type="NodePort", clusterIP="10.96.0.9", ports=[{"name": "a", "port": 80, "nodePort": 30080}]
    )
    new = svc(type="NodePort", ports=[{"name": "a", "port": 8080}])
    carry_allocations(old, new)
    assert new.spec.cluster_ip == "10.96.0.9" and (new.spec.ports or [])[0].node_port == 30080
    back = svc(
        type="ClusterIP",
        clusterIP="10.96.0.9",
        ports=[{"name": "a", "port": 80, "nodePort": 30080}],
    )
    carry_allocations(old, back)
    assert (back.spec.ports or [])[0].node_port is None
