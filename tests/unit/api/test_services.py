"""Services through the API on a real store: defaults, clusterIP and nodePort
allocation (requested, taken, out of range, released on delete, kept by a
PUT that leaves them out), immutability, headless and ExternalName, dry-run,
and Endpoints/EndpointSlices written by a client."""

from __future__ import annotations

import ipaddress
from typing import Any

from podd.model.servicealloc import POOL_CLUSTER_IP
from podd.store import claims
from tests.unit.api.conftest import Api

SVCS = "/api/v1/namespaces/default/services"
EPS = "/api/v1/namespaces/default/endpoints"
SLICES = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
MERGE = {"Content-Type": "application/merge-patch+json"}


def service(name: str, **spec: Any) -> dict[str, Any]:
    spec.setdefault("ports", [{"port": 80}])
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": spec}


async def create(api: Api, body: dict[str, Any]) -> dict[str, Any]:
    r = await api.client.post(SVCS, json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def refused(api: Api, body: dict[str, Any]) -> dict[str, Any]:
    r = await api.client.post(SVCS, json=body)
    assert r.status_code == 422, r.text
    return dict(r.json())


async def test_a_cluster_ip_service_is_defaulted_and_allocated(api: Api) -> None:
    got = await create(api, service("db", selector={"app": "db"}))
    spec = got["spec"]
    ip = spec["clusterIP"]
    assert ipaddress.ip_address(ip) in ipaddress.ip_network("10.96.0.0/16")
    # the dynamic band first: the lower 256 addresses are left for picks by hand
    assert int(ipaddress.ip_address(ip)) >= int(ipaddress.ip_address("10.96.1.0"))
    assert spec == {
        "ports": [{"protocol": "TCP", "port": 80, "targetPort": 80}],
        "selector": {"app": "db"},
        "clusterIP": ip,
        "clusterIPs": [ip],
        "type": "ClusterIP",
        "sessionAffinity": "None",
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
        "internalTrafficPolicy": "Cluster",
    }
    assert got["status"] == {"loadBalancer": {}}


async def test_requested_cluster_ip_honoured_then_already_allocated(api: Api) -> None:
    got = await create(api, service("dns", clusterIP="10.96.0.10"))
    assert got["spec"]["clusterIPs"] == ["10.96.0.10"]
    status = await refused(api, service("other", clusterIP="10.96.0.10"))
    assert status["message"] == (
        'Service "other" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: '
        "failed to allocate IP 10.96.0.10: provided IP is already allocated"
    )
    assert status["details"]["causes"][0]["field"] == "spec.clusterIPs"
    assert (await api.client.get(f"{SVCS}/other")).status_code == 404


async def test_requested_cluster_ip_out_of_range(api: Api) -> None:
    status = await refused(api, service("x", clusterIP="10.0.0.1"))
    assert status["message"].endswith(
        "failed to allocate IP 10.0.0.1: provided IP is not in the valid range. "
        "The range of valid IPs is 10.96.0.0/16"
    )


async def test_delete_releases_the_ip_and_a_restart_keeps_it_held(api: Api) -> None:
    got = await create(api, service("a", clusterIP="10.96.0.20"))
    assert await claims.held_by(api.store.engine, got["metadata"]["uid"]) == [
        claims.Claim(POOL_CLUSTER_IP, "10.96.0.20")
    ]
    assert (await api.client.delete(f"{SVCS}/a")).status_code == 200
    assert await claims.held_by(api.store.engine, got["metadata"]["uid"]) == []
    await create(api, service("b", clusterIP="10.96.0.20"))


async def test_cluster_ip_is_immutable_and_kept_by_a_put_without_it(api: Api) -> None:
    got = await create(api, service("a"))
    ip = got["spec"]["clusterIP"]
    put = service("a", ports=[{"port": 81}])  # as kubectl replace sends it: no clusterIP
    r = await api.client.put(f"{SVCS}/a", json=put)
    assert r.status_code == 200, r.text
    assert r.json()["spec"]["clusterIP"] == ip and r.json()["spec"]["ports"][0]["port"] == 81
    r = await api.client.patch(
        f"{SVCS}/a", content=b'{"spec":{"clusterIP":"10.96.0.99","clusterIPs":null}}', headers=MERGE
    )
    assert r.status_code == 422
    assert 'spec.clusterIP: Invalid value: "10.96.0.99": field is immutable' in r.json()["message"]


async def test_node_ports_allocated_honoured_and_taken(api: Api) -> None:
    got = await create(
        api,
        service(
            "web",
            type="NodePort",
            ports=[{"name": "http", "port": 80}, {"name": "x", "port": 81, "nodePort": 30080}],
        ),
    )
    ports = got["spec"]["ports"]
    assert 30000 <= ports[0]["nodePort"] <= 32767 and ports[1]["nodePort"] == 30080
    assert got["spec"]["externalTrafficPolicy"] == "Cluster"
    status = await refused(
        api, service("b", type="NodePort", ports=[{"port": 1, "nodePort": 30080}])
    )
    assert status["message"] == (
        'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: '
        "provided port is already allocated"
    )
    status = await refused(
        api, service("c", type="NodePort", ports=[{"port": 1, "nodePort": 8080}])
    )
    assert status["message"].endswith(
        "provided port is not in the valid range. The range of valid ports is 30000-32767"
    )
    # back to ClusterIP: the nodePorts go, and are free again
    r = await api.client.patch(
        f"{SVCS}/web", content=b'{"spec":{"type":"ClusterIP"}}', headers=MERGE
    )
    assert r.status_code == 200, r.text
    assert all("nodePort" not in p for p in r.json()["spec"]["ports"])
    await create(api, service("d", type="NodePort", ports=[{"port": 1, "nodePort": 30080}]))


async def test_validation_in_the_apiservers_words(api: Api) -> None:
    two = [{"port": 80}, {"port": 80, "protocol": "UDP", "targetPort": "no_pe"}]
    status = await refused(api, service("Bad", ports=two, sessionAffinity="Sticky"))
    fields = {c["field"]: c["message"] for c in status["details"]["causes"]}
    assert fields["metadata.name"].startswith('Invalid value: "Bad": a DNS-1035 label')
    assert fields["spec.ports[0].name"] == "Required value"
    assert fields["spec.ports[1].targetPort"].startswith('Invalid value: "no_pe"')
    assert fields["spec.sessionAffinity"] == (
        'Unsupported value: "Sticky": supported values: "ClientIP", "None"'
    )
    status = await refused(api, service("s", ports=[{"port": 80, "protocol": "SCTP"}]))
    assert status["details"]["causes"][0]["message"] == (
        'Unsupported value: "SCTP": supported values: "TCP", "UDP"'
    )
    status = await refused(api, service("n", ports=[]))
    assert status["details"]["causes"][0]["field"] == "spec.ports"
    status = await refused(api, service("z", ports=[{"port": 70000}]))
    assert "must be between 1 and 65535, inclusive" in status["message"]


async def test_client_ip_affinity_gets_its_default_timeout(api: Api) -> None:
    got = await create(api, service("a", sessionAffinity="ClientIP"))
    assert got["spec"]["sessionAffinityConfig"] == {"clientIP": {"timeoutSeconds": 10800}}


async def test_headless_and_external_name_hold_no_ip(api: Api) -> None:
    got = await create(api, service("h", clusterIP="None", selector={"app": "h"}))
    assert got["spec"]["clusterIPs"] == ["None"]
    assert got["spec"]["ipFamilyPolicy"] == "SingleStack"
    assert await claims.held_by(api.store.engine, got["metadata"]["uid"]) == []
    got = await create(api, service("e", type="ExternalName", externalName="example.com", ports=[]))
    assert "clusterIP" not in got["spec"] and "ipFamilies" not in got["spec"]


async def test_dry_run_holds_nothing(api: Api) -> None:
    r = await api.client.post(
        SVCS, json=service("a", clusterIP="10.96.0.30"), params={"dryRun": "All"}
    )
    assert r.status_code == 201 and r.json()["spec"]["clusterIP"] == "10.96.0.30"
    await create(api, service("b", clusterIP="10.96.0.30"))
    r = await api.client.post(
        SVCS, json=service("c", clusterIP="10.96.0.30"), params={"dryRun": "All"}
    )
    assert r.status_code == 422


async def test_endpoints_and_slices_written_by_a_client(api: Api) -> None:
    ep: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {"name": "ext"},
        "subsets": [{"addresses": [{"ip": "192.0.2.1"}], "ports": [{"port": 80}]}],
    }
    r = await api.client.post(EPS, json=ep)
    assert r.status_code == 201, r.text
    ep["subsets"][0]["addresses"][0]["ip"] = "nope"
    ep["metadata"]["name"] = "bad"
    r = await api.client.post(EPS, json=ep)
    assert r.status_code == 422 and "subsets[0].addresses[0].ip" in r.text
    es = {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {"name": "ext-1", "labels": {"kubernetes.io/service-name": "ext"}},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["192.0.2.1"], "conditions": {"ready": True}}],
        "ports": [{"name": "", "port": 80, "protocol": "TCP"}],
    }
    r = await api.client.post(SLICES, json=es)
    assert r.status_code == 201, r.text
    r = await api.client.get(SLICES, params={"labelSelector": "kubernetes.io/service-name=ext"})
    assert r.status_code == 200 and r.json()["kind"] == "EndpointSliceList"
    assert r.json()["apiVersion"] == "discovery.k8s.io/v1"
    assert [i["metadata"]["name"] for i in r.json()["items"]] == ["ext-1"]


async def test_a_strategic_merge_patch_merges_ports_by_port(api: Api) -> None:
    ports = [{"name": "http", "port": 80}]
    got = await create(api, service("a", ports=ports, selector={"app": "a"}))
    # what kubectl apply sends when a port is added to its manifest
    patch = {
        "spec": {
            "$setElementOrder/ports": [{"port": 80}, {"port": 9100}],
            "ports": [{"name": "metrics", "port": 9100}],
        }
    }
    r = await api.client.patch(
        f"{SVCS}/a",
        json=patch,
        headers={"Content-Type": "application/strategic-merge-patch+json"},
    )
    assert r.status_code == 200, r.text
    assert [(p["name"], p["port"]) for p in r.json()["spec"]["ports"]] == [
        ("http", 80),
        ("metrics", 9100),
    ]
    assert r.json()["spec"]["clusterIP"] == got["spec"]["clusterIP"]


async def test_type_changes_take_and_give_back_what_they_hold(api: Api) -> None:
    got = await create(api, service("a", clusterIP="10.96.0.40"))
    uid = got["metadata"]["uid"]
    r = await api.client.patch(
        f"{SVCS}/a",
        content=b'{"spec":{"type":"ExternalName","externalName":"db.example.com"}}',
        headers=MERGE,
    )
    assert r.status_code == 200, r.text
    spec = r.json()["spec"]
    assert "clusterIP" not in spec and "clusterIPs" not in spec and "ipFamilies" not in spec
    assert await claims.held_by(api.store.engine, uid) == []
    await create(api, service("b", clusterIP="10.96.0.40"))  # free again
    r = await api.client.patch(
        f"{SVCS}/a", content=b'{"spec":{"type":"NodePort","externalName":null}}', headers=MERGE
    )
    assert r.status_code == 200, r.text
    spec = r.json()["spec"]
    assert spec["clusterIP"] != "10.96.0.40" and spec["ports"][0]["nodePort"] >= 30000
    pools = {c.pool for c in await claims.held_by(api.store.engine, uid)}
    assert pools == {"service-cluster-ip", "service-node-port"}


async def test_discovery_lists_the_kinds_as_the_apiserver_does(api: Api) -> None:
    core = {r["name"]: r for r in (await api.client.get("/api/v1")).json()["resources"]}
    assert core["services"]["shortNames"] == ["svc"]
    assert core["services"]["categories"] == ["all"] == core["pods"]["categories"]
    assert core["endpoints"]["shortNames"] == ["ep"]
    group = (await api.client.get("/apis/discovery.k8s.io/v1")).json()
    assert [(r["name"], r["kind"], r["namespaced"]) for r in group["resources"]] == [
        ("endpointslices", "EndpointSlice", True)
    ]
