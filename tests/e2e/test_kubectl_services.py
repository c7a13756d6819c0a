"""Services with the real kubectl against podd over TLS: ``kubectl apply -f``
a Service and two pods behind it, ``kubectl get svc,ep,endpointslices`` as
the apiserver prints them, a readiness change reflected in the endpoints, the
apiserver's allocation errors, and the endpoints gone with the Service."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    KUBECTLS,
    Kubeconfig,
    Kubectl,
    make_kubectl,
    start_podd,
    stop_podd,
    write_kubeconfig,
)
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

# httpd on 8080, a container port named http; ready while /tmp/ready exists.
MANIFEST = """\
apiVersion: v1
kind: Service
metadata:
  name: db
  labels: {{tier: data}}
spec:
  selector: {{app: db}}
  ports:
  - name: http
    port: 80
    targetPort: http
---
{pod0}
---
{pod1}
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: db}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: {image}
    command: [sh, -c, "touch /tmp/ready && mkdir -p /www && exec httpd -f -p 8080 -h /www"]
    ports:
    - {{name: http, containerPort: 8080}}
    readinessProbe:
      exec: {{command: [test, -f, /tmp/ready]}}
      periodSeconds: 1
      failureThreshold: 1
"""


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Kubeconfig
    image: str
    manifest: Path
    network: str


@pytest.fixture(scope="module", params=["slirp", "bridge"])
def env(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[Env]:
    """A podd with each pod network: one slirp4netns per pod (every pod
    10.0.2.100), or podd's bridge (an address of the pod CIDR each)."""
    base = tmp_path_factory.mktemp("podd-ksvc")
    proc = start_podd(
        base,
        "--listen",
        "127.0.0.1:0",
        "--insecure-registry",
        registry.host,
        "--network",
        request.param,
    )
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        manifest = base / "db.yaml"
        pods = [POD.format(name=f"db-{i}", image=image) for i in range(2)]
        manifest.write_text(MANIFEST.format(pod0=pods[0], pod1=pods[1]))
        yield Env(proc, kc, image, manifest, request.param)
    finally:
        stop_podd(proc)


@pytest.fixture(scope="module")
def k(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Kubectl:
    return make_kubectl("1.32", tmp_path_factory.mktemp("home"), env.kubeconfig.path)


@pytest.fixture(scope="module")
def applied(env: Env, k: Kubectl) -> dict[str, str]:
    """The manifest applied, both pods Ready; pod name -> its IP."""
    out = _ok(k, "apply", "-f", str(env.manifest))
    assert out.splitlines() == ["service/db created", "pod/db-0 created", "pod/db-1 created"]
    _ok(k, "wait", "--for=condition=Ready", "pod/db-0", "pod/db-1", "--timeout=120s")
    return {
        name: _ok(k, "get", "pod", name, "-o", "jsonpath={.status.podIP}")
        for name in ("db-0", "db-1")
    }


def _ok(k: Kubectl, *args: str) -> str:
    out = k.run(*args)
    assert out.returncode == 0, f"kubectl {k.version} {args}: {out.stderr}"
    return out.stdout


def _eventually(check: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.2)


def _rows(table: str) -> list[list[str]]:
    return [re.split(r"\s{2,}", line.strip()) for line in table.strip().splitlines()]


def test_get_svc_ep_endpointslices(env: Env, k: Kubectl, applied: dict[str, str]) -> None:
    ip = _ok(k, "get", "svc", "db", "-o", "jsonpath={.spec.clusterIP}")
    assert re.fullmatch(r"10\.96\.\d+\.\d+", ip), ip
    rows = _rows(_ok(k, "get", "svc", "db"))
    assert rows[0] == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert rows[1][:5] == ["db", "ClusterIP", ip, "<none>", "80/TCP"]
    wide = _rows(_ok(k, "get", "svc", "db", "-o", "wide"))
    assert wide[0][-1] == "SELECTOR" and wide[1][-1] == "app=db"

    ips = sorted(applied.values())
    if env.network == "bridge":  # an address of the pod CIDR each
        assert len(set(ips)) == 2 and all(i.startswith("10.88.") for i in ips), ips
    rows = _rows(_ok(k, "get", "endpoints", "db"))
    assert rows[0] == ["NAME", "ENDPOINTS", "AGE"]
    assert rows[1][0] == "db" and sorted(rows[1][1].split(",")) == [f"{i}:8080" for i in ips]

    rows = _rows(_ok(k, "get", "endpointslices", "-l", "kubernetes.io/service-name=db"))
    assert rows[0] == ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"]
    assert re.fullmatch(r"db-[a-z0-9]{5}", rows[1][0]) and rows[1][1:3] == ["IPv4", "8080"]
    assert sorted(rows[1][3].split(",")) == ips

    # kubectl get all: pods and services (discovery's "all" category)
    every = _ok(k, "get", "all")
    assert re.search(r"^pod/db-0\s+1/1\s+Running", every, re.M), every
    assert re.search(r"^service/db\s+ClusterIP\s+" + re.escape(ip), every, re.M), every

    # all three at once: one table per kind, named by kind
    both = _ok(k, "get", "svc,ep,endpointslices")
    assert re.search(r"^service/db\s+ClusterIP\s+" + re.escape(ip), both, re.M), both
    assert re.search(r"^endpoints/db\s+\S+:8080", both, re.M), both
    assert re.search(r"^endpointslice\.discovery\.k8s\.io/db-\w{5}\s+IPv4\s+8080", both, re.M)

    sl = json.loads(
        _ok(k, "get", "endpointslices", "-l", "kubernetes.io/service-name=db", "-o", "json")
    )
    (item,) = sl["items"]
    assert item["metadata"]["labels"] == {
        "tier": "data",
        "kubernetes.io/service-name": "db",
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    }
    assert item["metadata"]["ownerReferences"][0]["kind"] == "Service"
    assert {e["targetRef"]["name"] for e in item["endpoints"]} == {"db-0", "db-1"}


def test_containers_get_the_services_variables(k: Kubectl, applied: dict[str, str]) -> None:
    ip = _ok(k, "get", "svc", "db", "-o", "jsonpath={.spec.clusterIP}")
    env = dict(
        line.split("=", 1)
        for line in _ok(k, "exec", "db-0", "--", "env").splitlines()
        if "=" in line
    )
    assert env["DB_SERVICE_HOST"] == ip
    assert (env["DB_SERVICE_PORT"], env["DB_SERVICE_PORT_HTTP"]) == ("80", "80")
    assert env["DB_PORT_80_TCP"] == f"tcp://{ip}:80"


def test_readiness_change_reflected(k: Kubectl, applied: dict[str, str]) -> None:
    def not_ready() -> str:
        return _ok(
            k, "get", "ep", "db", "-o", "jsonpath={.subsets[*].notReadyAddresses[*].targetRef.name}"
        )

    def slice_ready(name: str) -> str:
        path = f'jsonpath={{.items[*].endpoints[?(@.targetRef.name=="{name}")].conditions.ready}}'
        return _ok(k, "get", "endpointslices", "-l", "kubernetes.io/service-name=db", "-o", path)

    _ok(k, "exec", "db-1", "--", "rm", "/tmp/ready")
    _eventually(lambda: not_ready() == "db-1", "db-1 in notReadyAddresses")
    assert slice_ready("db-1") == "false" and slice_ready("db-0") == "true"
    rows = _rows(_ok(k, "get", "endpoints", "db"))
    assert rows[1][1] == f"{applied['db-0']}:8080"
    _ok(k, "exec", "db-1", "--", "touch", "/tmp/ready")
    _eventually(lambda: not_ready() == "" and slice_ready("db-1") == "true", "db-1 ready again")


def test_apply_again_keeps_what_the_service_holds(
    env: Env, k: Kubectl, applied: dict[str, str], tmp_path: Path
) -> None:
    ip = _ok(k, "get", "svc", "db", "-o", "jsonpath={.spec.clusterIP}")
    more = env.manifest.read_text().replace(
        "    targetPort: http\n", "    targetPort: http\n  - name: metrics\n    port: 9100\n"
    )
    doc = tmp_path / "db.yaml"
    doc.write_text(more)
    out = _ok(k, "apply", "-f", str(doc)).splitlines()
    assert out == ["service/db configured", "pod/db-0 unchanged", "pod/db-1 unchanged"]
    rows = _rows(_ok(k, "get", "svc", "db"))
    assert rows[1][2:5] == [ip, "<none>", "80/TCP,9100/TCP"]
    out = _ok(k, "apply", "--server-side", "-f", str(doc)).splitlines()
    assert out[0] == "service/db serverside-applied", out
    assert _ok(k, "get", "svc", "db", "-o", "jsonpath={.spec.clusterIP}") == ip
    # the metrics port resolves nowhere (no container port 9100 is named): the
    # endpoints list it for every pod anyway, a number is taken as is
    ports = _ok(k, "get", "ep", "db", "-o", "jsonpath={.subsets[0].ports[*].port}")
    assert sorted(ports.split()) == ["8080", "9100"]
    doc.write_text(env.manifest.read_text())
    assert _ok(k, "apply", "-f", str(doc)).splitlines()[0] == "service/db configured"


@pytest.mark.parametrize("version", sorted(KUBECTLS))
def test_allocation_errors_in_the_apiservers_words(
    version: str, env: Env, applied: dict[str, str], tmp_path: Path
) -> None:
    k = make_kubectl(version, tmp_path / "home", env.kubeconfig.path)
    ip = _ok(k, "get", "svc", "db", "-o", "jsonpath={.spec.clusterIP}")
    name = f"taken-{version.replace('.', '')}"
    doc = tmp_path / "svc.yaml"
    doc.write_text(
        f"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\n"
        f"spec: {{clusterIP: {ip}, ports: [{{port: 80}}]}}\n"
    )
    out = k.run("apply", "-f", str(doc))
    assert out.returncode == 1
    assert (
        f'The Service "{name}" is invalid: spec.clusterIPs: Invalid value: []string{{"{ip}"}}: '
        f"failed to allocate IP {ip}: provided IP is already allocated"
    ) in out.stderr
    node_port = "spec: {type: NodePort, ports: [{port: 80, targetPort: 8080%s}]}\n"
    head = f"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\n"
    doc.write_text(head + node_port % ", nodePort: 8080")
    out = k.run("apply", "-f", str(doc))
    assert out.returncode == 1
    assert (
        f'The Service "{name}" is invalid: spec.ports[0].nodePort: Invalid value: 8080: '
        "provided port is not in the valid range. The range of valid ports is 30000-32767"
    ) in out.stderr
    doc.write_text(head + node_port % "")
    assert _ok(k, "apply", "-f", str(doc)) == f"service/{name} created\n"
    rows = _rows(_ok(k, "get", "svc", name))
    assert re.fullmatch(r"80:3\d{4}/TCP", rows[1][4]), rows
    _ok(k, "delete", "svc", name)


def test_cluster_info_lists_cluster_services(env: Env, k: Kubectl, tmp_path: Path) -> None:
    doc = tmp_path / "cs.yaml"
    doc.write_text(  # podd makes only "default"; kubectl >= 1.32 creates in protobuf
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n---\n"
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: dash\n  namespace: kube-system\n"
        "  labels: {kubernetes.io/cluster-service: 'true', kubernetes.io/name: Dashboard}\n"
        "spec: {ports: [{name: web, port: 80}], selector: {app: dash}}\n"
    )
    applied_now = _ok(k, "apply", "-f", str(doc)).splitlines()
    assert applied_now[1] == "service/dash created", applied_now
    server = env.kubeconfig.server
    out = re.sub(r"\x1b\[[0-9;]*m", "", _ok(k, "cluster-info"))  # colours stripped
    assert out.splitlines() == [
        f"Kubernetes control plane is running at {server}",
        f"Dashboard is running at {server}/api/v1/namespaces/kube-system/services/dash:web/proxy",
        "",
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    ]
    _ok(k, "delete", "svc", "dash", "-n", "kube-system")


def test_a_service_without_selector_and_its_own_endpoints(
    env: Env, k: Kubectl, tmp_path: Path
) -> None:
    # An outside database: Endpoints written by hand, mirrored into a slice.
    doc = tmp_path / "ext.yaml"
    doc.write_text(
        "apiVersion: v1\nkind: Endpoints\nmetadata: {name: extdb}\n"
        "subsets: [{addresses: [{ip: 192.0.2.10}], ports: [{name: sql, port: 5432}]}]\n---\n"
        "apiVersion: v1\nkind: Service\nmetadata: {name: extdb}\n"
        "spec: {ports: [{name: sql, port: 5432}]}\n"
    )
    assert _ok(k, "apply", "-f", str(doc)).splitlines() == [
        "endpoints/extdb created",
        "service/extdb created",
    ]
    assert _rows(_ok(k, "get", "ep", "extdb"))[1][:2] == ["extdb", "192.0.2.10:5432"]

    def mirrored() -> list[list[str]]:
        out = _ok(k, "get", "endpointslices", "-l", "kubernetes.io/service-name=extdb")
        return _rows(out)[1:] if out else []

    _eventually(lambda: bool(mirrored()), "a mirrored slice")
    (row,) = mirrored()
    assert re.fullmatch(r"extdb-[a-z0-9]{5}", row[0]) and row[1:4] == ["IPv4", "5432", "192.0.2.10"]
    _ok(k, "delete", "-f", str(doc))
    _eventually(lambda: not mirrored(), "the mirror gone with its Endpoints")


def test_the_endpoints_go_with_the_service(k: Kubectl, applied: dict[str, str]) -> None:
    assert _ok(k, "delete", "svc", "db") == 'service "db" deleted\n'
    _eventually(lambda: k.run("get", "ep", "db").returncode == 1, "endpoints deleted")
    out = k.run("get", "ep", "db")
    assert out.stderr == 'Error from server (NotFound): endpoints "db" not found\n'
    assert _ok(k, "get", "endpointslices", "-l", "kubernetes.io/service-name=db") == ""
