"""From stored objects' JSON to the DNS snapshot (pure)."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.dns.snapshot import EndpointRecord, PodRecord, PortRecord, ServiceRecord
from podd.dns.views import DECODERS, build_snapshot
from podd.model.meta import ObjectMeta
from podd.model.pod import Pod, PodSpec
from podd.model.podstatus import PodIP, PodStatus


def decode(kind: str, obj: dict[str, Any]) -> Any:
    return DECODERS[kind].decode(msgspec.json.encode(obj))


def pod_json(name: str, ip: str | None, **spec: Any) -> dict[str, Any]:
    pod = Pod(
        metadata=ObjectMeta(name=name, namespace="default"),
        spec=PodSpec(**spec),
        status=PodStatus(phase="Running", pod_ip=ip, pod_ips=[PodIP(ip=ip)] if ip else None),
    )
    return msgspec.to_builtins(pod)  # the wire form, as the store keeps it


def service(name: str, cluster_ip: str, ports: list[dict[str, Any]], **extra: Any) -> Any:
    spec = {"clusterIP": cluster_ip, "clusterIPs": [cluster_ip], "ports": ports, **extra}
    return decode("Service", {"metadata": {"name": name, "namespace": "default"}, "spec": spec})


def endpoint_slice(service_name: str, endpoints: list[dict[str, Any]], ports: Any) -> Any:
    return decode(
        "EndpointSlice",
        {
            "metadata": {
                "name": f"{service_name}-abcde",
                "namespace": "default",
                "labels": {"kubernetes.io/service-name": service_name},
            },
            "addressType": "IPv4",
            "endpoints": endpoints,
            "ports": ports,
        },
    )


def test_pods_from_the_real_model() -> None:
    pods = [
        decode("Pod", pod_json("web", "10.88.0.5", hostname="w", subdomain="s")),
        decode("Pod", pod_json("pending", None)),
    ]
    snap = build_snapshot(["default"], pods, [])
    assert snap.pods == [PodRecord("web", "default", ["10.88.0.5"], "w", "s")]


def test_terminating_finished_and_host_network_pods_are_left_out() -> None:
    going = pod_json("going", "10.88.0.6")
    going["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z"
    done = pod_json("done", "10.88.0.7")
    done["status"]["phase"] = "Succeeded"
    host = pod_json("host", "10.88.0.8")
    host["spec"]["hostNetwork"] = True
    snap = build_snapshot([], [decode("Pod", p) for p in (going, done, host)], [])
    assert snap.pods == []


def test_clusterip_service_and_headless_service_from_slices() -> None:
    svcs = [
        service("db", "10.96.0.10", [{"name": "pg", "port": 5432, "protocol": "TCP"}]),
        service("web", "None", [{"port": 80, "targetPort": 8080}]),
    ]
    slices = [
        endpoint_slice(
            "web",
            [
                {"addresses": ["10.88.0.5"], "conditions": {"ready": True}, "hostname": "w"},
                {"addresses": ["10.88.0.6"], "conditions": {"ready": False}},
                {"addresses": ["10.88.0.7"], "conditions": {}},  # unset counts as ready
            ],
            [{"name": "", "port": 8080, "protocol": "TCP"}],
        )
    ]
    snap = build_snapshot(["default"], [], svcs, slices)
    port = [PortRecord(8080, "", "TCP")]
    assert snap.services == [
        ServiceRecord("db", "default", ["10.96.0.10"], [PortRecord(5432, "pg", "TCP")]),
        ServiceRecord(
            "web",
            "default",
            [],
            [PortRecord(80, "", "TCP")],
            [EndpointRecord("10.88.0.5", "w", port), EndpointRecord("10.88.0.7", None, port)],
        ),
    ]


def test_endpoints_object_when_a_service_has_no_slices() -> None:
    eps = decode(
        "Endpoints",
        {
            "metadata": {"name": "ext", "namespace": "default"},
            "subsets": [
                {
                    "addresses": [{"ip": "192.0.2.1"}],
                    "notReadyAddresses": [{"ip": "192.0.2.2"}],
                    "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
                }
            ],
        },
    )
    snap = build_snapshot(["default"], [], [service("ext", "None", [])], [], [eps])
    assert snap.services[0].endpoints == [
        EndpointRecord("192.0.2.1", None, [PortRecord(80, "http", "TCP")])
    ]


def test_external_name_services_alias_their_name() -> None:
    ext = decode(
        "Service",
        {
            "metadata": {"name": "x", "namespace": "default"},
            "spec": {"type": "ExternalName", "externalName": "example.com"},
        },
    )
    assert build_snapshot(["default"], [], [ext]).services == [
        ServiceRecord("x", "default", external_name="example.com")
    ]


def test_slice_ports_without_a_port_number_are_the_no_port_sentinel() -> None:
    slices = [endpoint_slice("h", [{"addresses": ["10.88.0.9"]}], [{"name": "x"}])]
    snap = build_snapshot(["default"], [], [service("h", "None", [])], slices)
    assert snap.services[0].endpoints[0].ports == [PortRecord(-1, "x", "TCP")]
