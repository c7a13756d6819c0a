"""The endpoints plan: which pods a Service's Endpoints and EndpointSlices
list, how (ready, not ready, terminating), on which ports."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.controller.endpointsplan import (
    PodView,
    desired_endpoints,
    desired_slices,
    plan_slices,
)
from podd.model.base import encode, to_builtins
from podd.model.endpointslice import EndpointSlice
from podd.model.service import Service, default_service


def svc(**spec: Any) -> Service:
    spec.setdefault("selector", {"app": "db"})
    spec.setdefault("ports", [{"port": 80, "targetPort": 8080}])
    body = {"metadata": {"name": "db", "namespace": "ns", "uid": "svc-uid"}, "spec": spec}
    return default_service(msgspec.convert(body, Service))


def pod(
    name: str,
    ip: str | None = "10.88.0.2",
    *,
    ready: bool = True,
    labels: dict[str, str] | None = None,
    phase: str = "Running",
    deleting: bool = False,
    ports: list[dict[str, Any]] | None = None,
    **spec: Any,
) -> PodView:
    body: dict[str, Any] = {
        "metadata": {
            "name": name,
            "namespace": "ns",
            "uid": f"uid-{name}",
            "labels": {"app": "db"} if labels is None else labels,
        },
        "spec": {"containers": [{"ports": ports or []}], "nodeName": "node", **spec},
        "status": {
            "phase": phase,
            "podIP": ip,
            "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
        },
    }
    if deleting:
        body["metadata"]["deletionTimestamp"] = "2026-12-05T08:00:00Z"
    return msgspec.json.decode(encode(body), type=PodView)


def test_ready_and_not_ready_pods() -> None:
    pods = [pod("b", "10.88.0.3", ready=False), pod("a", "10.88.0.2")]
    ep = to_builtins(desired_endpoints(svc(), pods))
    assert ep["metadata"] == {"name": "db", "namespace": "ns"}
    assert ep["subsets"] == [
        {
            "addresses": [
                {
                    "ip": "10.88.0.2",
                    "nodeName": "node",
                    "targetRef": {"kind": "Pod", "namespace": "ns", "name": "a", "uid": "uid-a"},
                }
            ],
            "notReadyAddresses": [
                {
                    "ip": "10.88.0.3",
                    "nodeName": "node",
                    "targetRef": {"kind": "Pod", "namespace": "ns", "name": "b", "uid": "uid-b"},
                }
            ],
            "ports": [{"port": 8080, "protocol": "TCP"}],
        }
    ]


def test_who_is_left_out() -> None:
    pods = [
        pod("other", labels={"app": "web"}),
        pod("noip", None),
        pod("done", phase="Succeeded"),
        pod("going", deleting=True),
    ]
    assert desired_endpoints(svc(), pods).subsets is None
    # a slice lists the terminating pod, not ready but still serving
    (plan,) = plan_slices(svc(), pods)
    (ep,) = plan.endpoints
    assert ep.target_ref is not None and ep.target_ref.name == "going"
    assert to_builtins(ep.conditions) == {"ready": False, "serving": True, "terminating": True}


def test_publish_not_ready_addresses() -> None:
    s = svc(publishNotReadyAddresses=True)
    pods = [pod("a", ready=False), pod("b", "10.88.0.9", deleting=True)]
    (subset,) = desired_endpoints(s, pods).subsets or []
    assert [a.ip for a in subset.addresses or []] == ["10.88.0.2", "10.88.0.9"]
    assert subset.not_ready_addresses is None
    plan = plan_slices(s, pods)[0]
    assert [e.conditions.ready for e in plan.endpoints] == [True, True]


def test_named_target_ports_resolve_per_pod() -> None:
    s = svc(ports=[{"name": "http", "port": 80, "targetPort": "web"}, {"name": "m", "port": 9}])
    pods = [
        pod("a", "10.88.0.2", ports=[{"name": "web", "containerPort": 8080}]),
        pod("b", "10.88.0.3", ports=[{"name": "web", "containerPort": 9090}]),
        pod("c", "10.88.0.4"),  # no port named web: serves m only
    ]
    subsets = desired_endpoints(s, pods).subsets or []
    got = {
        tuple((p.name, p.port) for p in sub.ports or []): [a.ip for a in sub.addresses or []]
        for sub in subsets
    }
    assert got == {
        (("http", 8080), ("m", 9)): ["10.88.0.2"],
        (("http", 9090), ("m", 9)): ["10.88.0.3"],
        (("m", 9),): ["10.88.0.4"],
    }
    plans = plan_slices(s, pods)
    assert sorted(
        (tuple((p.name, p.port) for p in plan.ports), len(plan.endpoints)) for plan in plans
    ) == [
        ((("http", 8080), ("m", 9)), 1),
        ((("http", 9090), ("m", 9)), 1),
        ((("m", 9),), 1),
    ]


def test_hostname_from_the_pods_subdomain() -> None:
    pods = [pod("a", hostname="db-0", subdomain="db"), pod("b", "10.88.0.3", hostname="x")]
    subset = (desired_endpoints(svc(clusterIP="None"), pods).subsets or [])[0]
    assert [a.hostname for a in subset.addresses or []] == ["db-0", None]
    assert desired_endpoints(svc(clusterIP="None"), pods).metadata.labels == {
        "service.kubernetes.io/headless": ""
    }


def test_slices_labelled_owned_and_kept_when_unchanged() -> None:
    s = svc()
    writes, deletes = desired_slices(s, [pod("a")], [])
    (want,) = writes
    assert deletes == []
    meta = want.metadata
    assert meta.name is None and meta.generate_name == "db-"
    assert meta.labels == {
        "kubernetes.io/service-name": "db",
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    }
    assert to_builtins(meta.owner_references) == [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "name": "db",
            "uid": "svc-uid",
            "controller": True,
            "blockOwnerDeletion": True,
        }
    ]
    assert want.address_type == "IPv4"
    assert to_builtins(want.ports) == [{"name": "", "protocol": "TCP", "port": 8080}]
    stored = msgspec.structs.replace(
        want, metadata=msgspec.structs.replace(meta, name="db-abcde", uid="u")
    )
    assert desired_slices(s, [pod("a")], [stored]) == ([], [])
    # readiness changes: the same slice is rewritten, by name
    (again,), _ = desired_slices(s, [pod("a", ready=False)], [stored])
    assert again.metadata.name == "db-abcde"
    assert again.endpoints and again.endpoints[0].conditions.ready is False


def test_no_pods_leaves_one_placeholder_slice() -> None:
    writes, deletes = desired_slices(svc(), [], [])
    (want,) = writes
    assert want.endpoints == [] and want.ports is None
    extra = EndpointSlice(metadata=msgspec.convert({"name": "db-zzzzz"}, type(want.metadata)))
    first = EndpointSlice(metadata=msgspec.convert({"name": "db-aaaaa"}, type(want.metadata)))
    _, deletes = desired_slices(svc(), [], [extra, first])
    assert [d.metadata.name for d in deletes] == ["db-zzzzz"]
