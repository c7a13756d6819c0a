"""Services, Endpoints and EndpointSlices through the official Kubernetes
Python client against a real ``podd serve``: what the client decodes, the
endpoints of running pods, the apiserver's 422s, and allocations that a
SIGKILL of podd neither loses nor frees."""

from __future__ import annotations

import ipaddress
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from kubernetes import client, config
from kubernetes.client.exceptions import ApiException

from tests.e2e.conftest import write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

NS = "default"


class Env:
    def __init__(self, proc: PoddProcess, registry: Registry) -> None:
        self.proc = proc
        self.image = f"{registry.host}/library/busybox:1.36"
        self.connect()

    def connect(self) -> None:
        kc = write_kubeconfig(self.proc, self.proc.base / "kubeconfig")
        api_client = config.new_client_from_config(config_file=str(kc.path))
        self.core = client.CoreV1Api(api_client)
        self.discovery = client.DiscoveryV1Api(api_client)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:
    base = tmp_path_factory.mktemp("podd-services")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    proc.start()
    try:
        yield Env(proc, registry)
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def eventually(check: Callable[[], Any], what: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.1)


def v1service(name: str, **spec: Any) -> client.V1Service:
    spec.setdefault("ports", [client.V1ServicePort(port=80)])
    return client.V1Service(
        metadata=client.V1ObjectMeta(name=name), spec=client.V1ServiceSpec(**spec)
    )


def status_of(exc: ApiException) -> dict[str, Any]:
    return dict(json.loads(exc.body))


def test_create_read_list_patch_delete(env: Env) -> None:
    port = client.V1ServicePort(name="http", port=80, target_port="web")
    made = env.core.create_namespaced_service(
        NS, v1service("crud", selector={"app": "x"}, ports=[port])
    )
    spec = made.spec
    assert ipaddress.ip_address(spec.cluster_ip) in ipaddress.ip_network("10.96.0.0/16")
    assert spec.cluster_ips == [spec.cluster_ip]
    assert (spec.type, spec.session_affinity, spec.ip_families) == ("ClusterIP", "None", ["IPv4"])
    assert spec.ports[0].target_port == "web" and spec.ports[0].protocol == "TCP"
    got = env.core.read_namespaced_service("crud", NS)
    assert got.spec.cluster_ip == spec.cluster_ip
    listed = env.core.list_namespaced_service(NS, field_selector="metadata.name=crud")
    assert [s.metadata.name for s in listed.items] == ["crud"]
    patched = env.core.patch_namespaced_service(
        "crud", NS, {"spec": {"type": "NodePort", "sessionAffinity": "ClientIP"}}
    )
    assert 30000 <= patched.spec.ports[0].node_port <= 32767
    assert patched.spec.session_affinity_config.client_ip.timeout_seconds == 10800
    assert patched.spec.cluster_ip == spec.cluster_ip
    env.core.delete_namespaced_service("crud", NS)
    with pytest.raises(ApiException) as err:
        env.core.read_namespaced_service("crud", NS)
    assert err.value.status == 404


def test_invalid_services_are_422s_naming_the_field(env: Env) -> None:
    with pytest.raises(ApiException) as err:
        env.core.create_namespaced_service(
            NS,
            v1service("bad", ports=[client.V1ServicePort(port=80), client.V1ServicePort(port=81)]),
        )
    status = status_of(err.value)
    assert (err.value.status, status["reason"]) == (422, "Invalid")
    assert status["details"]["causes"][0]["field"] == "spec.ports[0].name"
    with pytest.raises(ApiException) as err:
        env.core.create_namespaced_service(NS, v1service("out", cluster_ip="192.168.0.1"))
    assert status_of(err.value)["message"] == (
        'Service "out" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: '
        "failed to allocate IP 192.168.0.1: provided IP is not in the valid range. "
        "The range of valid IPs is 10.96.0.0/16"
    )
    env.core.create_namespaced_service(NS, v1service("fixed", cluster_ip="10.96.0.77"))
    with pytest.raises(ApiException) as err:
        env.core.patch_namespaced_service("fixed", NS, {"spec": {"clusterIP": "10.96.0.78"}})
    assert (
        'spec.clusterIP: Invalid value: "10.96.0.78": field is immutable'
        in (status_of(err.value)["message"])
    )
    env.core.delete_namespaced_service("fixed", NS)


def test_endpoints_and_slices_of_running_pods(env: Env) -> None:
    with env.proc.client(timeout=60) as c:
        for name in ("ep-a", "ep-b"):
            spec = pod(name, env.image, {"name": "main", "command": ["sleep", "3600"]})
            spec["metadata"]["labels"] = {"app": "ep"}
            assert c.post(PODS, json=spec).status_code == 201
        for name in ("ep-a", "ep-b"):
            wait_running(c, name, "main")
    env.core.create_namespaced_service(NS, v1service("ep", selector={"app": "ep"}))

    def ready_names() -> list[str]:
        try:
            ep = env.core.read_namespaced_endpoints("ep", NS)
        except ApiException as exc:  # not written yet
            assert exc.status == 404
            return []
        return sorted(a.target_ref.name for s in ep.subsets or [] for a in s.addresses or [])

    eventually(lambda: ready_names() == ["ep-a", "ep-b"], "both pods ready in the Endpoints")
    slices = env.discovery.list_namespaced_endpoint_slice(
        NS, label_selector="kubernetes.io/service-name=ep"
    )
    (es,) = slices.items
    assert es.address_type == "IPv4" and es.ports[0].port == 80
    assert sorted(e.target_ref.name for e in es.endpoints) == ["ep-a", "ep-b"]
    assert all(e.conditions.ready and e.conditions.serving for e in es.endpoints)
    assert es.metadata.owner_references[0].kind == "Service"

    env.core.delete_namespaced_pod("ep-b", NS, grace_period_seconds=0)
    eventually(lambda: ready_names() == ["ep-a"], "ep-b gone from the Endpoints")
    env.core.delete_namespaced_service("ep", NS)
    eventually(
        lambda: (
            not env.discovery.list_namespaced_endpoint_slice(
                NS, label_selector="kubernetes.io/service-name=ep"
            ).items
        ),
        "slices gone with the Service",
    )


def test_allocations_survive_a_sigkill(env: Env) -> None:
    held = env.core.create_namespaced_service(
        NS,
        v1service("held", type="NodePort", ports=[client.V1ServicePort(port=80, node_port=30123)]),
    )
    ip = held.spec.cluster_ip
    env.proc.kill()
    env.proc.start()
    env.connect()
    got = env.core.read_namespaced_service("held", NS)
    assert (got.spec.cluster_ip, got.spec.ports[0].node_port) == (ip, 30123)
    with pytest.raises(ApiException) as err:
        env.core.create_namespaced_service(NS, v1service("again", cluster_ip=ip))
    assert "provided IP is already allocated" in status_of(err.value)["message"]
    with pytest.raises(ApiException) as err:
        env.core.create_namespaced_service(
            NS,
            v1service(
                "again", type="NodePort", ports=[client.V1ServicePort(port=1, node_port=30123)]
            ),
        )
    assert "provided port is already allocated" in status_of(err.value)["message"]
    env.core.delete_namespaced_service("held", NS)
    again = env.core.create_namespaced_service(
        NS,
        v1service(
            "again",
            type="NodePort",
            cluster_ip=ip,
            ports=[client.V1ServicePort(port=1, node_port=30123)],
        ),
    )
    assert again.spec.cluster_ip == ip
    env.core.delete_namespaced_service("again", NS)
