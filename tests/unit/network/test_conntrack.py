"""Which UDP flows are forgotten after a load: those to endpoints a Service
port lost (its ClusterIP, externalIPs and nodePort), never TCP's. (The
deletion itself runs on the real pod network: test_service_proxy.py.)"""

from __future__ import annotations

import msgspec

from podd.network.conntrack import StaleFlow, stale_udp_flows
from podd.network.proxyplan import Backend, PortPlan

A, B = Backend("10.88.0.2", 5353), Backend("10.88.0.3", 5353)
DNS = PortPlan(
    "default",
    "dns",
    "dns",
    "udp",
    "10.96.0.10",
    53,
    node_port=30053,
    external_ips=("192.0.2.1",),
    backends=(A, B),
)


def test_an_endpoint_leaving_forgets_its_flows_on_every_service_address() -> None:
    new = msgspec.structs.replace(DNS, backends=(B,))
    assert stale_udp_flows([DNS], [new]) == [
        StaleFlow(53, "10.88.0.2", "10.96.0.10"),
        StaleFlow(53, "10.88.0.2", "192.0.2.1"),
        StaleFlow(30053, "10.88.0.2", None),
    ]


def test_a_service_going_forgets_all_its_endpoints() -> None:
    gone = stale_udp_flows([DNS], [])
    assert {f.endpoint for f in gone} == {"10.88.0.2", "10.88.0.3"} and len(gone) == 6


def test_nothing_when_endpoints_stay_or_the_port_is_tcp() -> None:
    assert stale_udp_flows([DNS], [DNS]) == []
    assert (
        stale_udp_flows(
            [DNS], [msgspec.structs.replace(DNS, backends=(B, A, Backend("10.88.0.4", 5353)))]
        )
        == []
    )
    tcp = msgspec.structs.replace(DNS, protocol="tcp")
    assert stale_udp_flows([tcp], [msgspec.structs.replace(tcp, backends=())]) == []
