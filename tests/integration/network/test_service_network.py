"""``podd serve --network bridge`` for real: pods get addresses of their own
on podd's pod network and reach each other; host ports and probes go
through the network's one slirp4netns; a SIGKILLed podd keeps addresses and
traffic; delete leaves no address, link or forward behind."""

from __future__ import annotations

import ipaddress
import json
import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.containers.helpers import (
    exec_,
    get,
    logs,
    pod,
    status_of,
    wait_running,
)
from tests.integration.pods.helpers import PODS, condition, wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import ImageSet, registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration


@pytest.fixture
def podd(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:  # noqa: F811
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd"), "--insecure-registry", registry.host, "--network", "bridge"
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture
def busybox(registry: Registry) -> str:  # noqa: F811
    return f"{registry.host}/library/busybox:1.36"


@pytest.fixture
def wget_image(registry: Registry, test_images: ImageSet) -> str:  # noqa: F811
    """busybox with GNU wget at /usr/bin/wget: busybox-static's own wget
    cannot resolve any name (its static glibc crashes in getaddrinfo)."""
    if test_images.busybox_wget is None:
        pytest.fail("no /usr/bin/wget on the host to build the image (scripts/host-setup.sh)")
    return f"{registry.host}/podd/busybox-wget:v1"


def fetch(url: str, times: int = 1) -> list[str]:
    """A shell command fetching ``url`` ``times`` times with GNU wget, which
    resolves names as glibc does (/etc/hosts, then resolv.conf's search list
    and nameserver); bounded: one try, 3 s per step."""
    one = f"/usr/bin/wget -q -t 1 -T 3 -O- {url}"
    return ["sh", "-c", f"for i in $(seq {times}); do {one}; done"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def web(name: str, image: str, **container: Any) -> dict[str, Any]:
    """busybox httpd on 8080 serving a page that names the pod."""
    script = (
        f"mkdir -p /www && echo 'I am {name}' > /www/index.html && exec httpd -f -p 8080 -h /www"
    )
    return pod(name, image, {"name": "web", "command": ["sh", "-c", script], **container})


def network_dir(podd: PoddProcess) -> Path:
    return podd.runtime_dir / "network"


def test_pods_have_their_own_addresses_and_reach_each_other(
    podd: PoddProcess, busybox: str
) -> None:
    port = free_port()
    ready = {"httpGet": {"path": "/", "port": 8080}, "periodSeconds": 1}
    hostport = {"ports": [{"containerPort": 8080, "hostPort": port}], "readinessProbe": ready}
    with podd.client() as c:
        for name, extra in (("db", hostport), ("app", {})):
            r = c.post(PODS, json=web(name, busybox, **extra))
            assert r.status_code == 201, r.text
        for name in ("db", "app"):
            wait_running(c, name, "web")

        # the probe reaches db through the pod network: db becomes Ready
        def db_ready() -> dict[str, Any] | None:
            p = get(c, "db")
            return p if (condition(p, "Ready") or {}).get("status") == "True" else None

        db = wait_for("db Ready", db_ready)
        app = get(c, "app")
        ips = [db["status"]["podIP"], app["status"]["podIP"]]
        assert ips[0] != ips[1]
        assert all(ipaddress.ip_address(ip) in ipaddress.ip_network("10.88.0.0/16") for ip in ips)
        assert db["status"]["podIPs"] == [{"ip": ips[0]}]
        # app fetches db's page by db's address
        out = exec_(c, "app", "wget", "-qO-", f"http://{ips[0]}:8080/")
        assert out["stdout"].strip() == "I am db", out
        # the hostPort answers on 127.0.0.1
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text.strip() == "I am db"
        # /etc/hosts names the pod's own address, as the kubelet writes it
        hosts = exec_(c, "db", "cat", "/etc/hosts")["stdout"]
        assert f"{ips[0]}\tdb" in hosts, hosts
        holders = {p.name for p in (network_dir(podd) / "ipam").iterdir() if p.name[0].isdigit()}
        assert holders == set(ips)
        for name in ("db", "app"):
            assert c.delete(f"{PODS}/{name}").status_code == 200
        wait_for(
            "pods gone",
            lambda: (
                c.get(f"{PODS}/db").status_code == 404 and c.get(f"{PODS}/app").status_code == 404
            ),
        )
    left = {p.name for p in (network_dir(podd) / "ipam").iterdir() if p.name[0].isdigit()}
    assert left == set()
    assert json.loads((network_dir(podd) / "forwards.json").read_text()) == []


def test_sigkill_keeps_addresses_and_host_ports(podd: PoddProcess, busybox: str) -> None:
    port = free_port()
    with podd.client() as c:
        r = c.post(
            PODS, json=web("kept", busybox, ports=[{"containerPort": 8080, "hostPort": port}])
        )
        assert r.status_code == 201, r.text
        wait_running(c, "kept", "web")
        ip = get(c, "kept")["status"]["podIP"]
    state = json.loads((network_dir(podd) / "state.json").read_text())
    podd.kill()
    # traffic keeps flowing while podd is down: slirp4netns holds the port
    assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text.strip() == "I am kept"
    podd.start()
    assert json.loads((network_dir(podd) / "state.json").read_text()) == state  # adopted
    with podd.client() as c:
        wait_running(c, "kept", "web")
        assert get(c, "kept")["status"]["podIP"] == ip
        r = c.post(PODS, json=web("new", busybox))
        assert r.status_code == 201, r.text
        wait_running(c, "new", "web")
        assert get(c, "new")["status"]["podIP"] != ip
        out = exec_(c, "new", "wget", "-qO-", f"http://{ip}:8080/")
        assert out["stdout"].strip() == "I am kept"
    assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text.strip() == "I am kept"


def test_cluster_dns_answers_across_a_podd_sigkill(podd: PoddProcess, busybox: str) -> None:
    """The DNS sockets are kept by the network's holder: a query sent while
    podd is down waits in the socket's queue and the next podd answers it
    (a closed port would fail it at once: ICMP port unreachable)."""
    # A timeout longer than any podd restart here: what is shown is whether
    # the query is refused (a closed port), not how fast podd comes back.
    ask = "nslookup -type=a -timeout=60 db.default.svc.cluster.local. >/dev/null 2>&1"
    asker = f"while true; do {ask} && echo ok || echo FAIL; sleep 0.2; done"
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "db"},
        "spec": {"selector": {"app": "db"}, "ports": [{"port": 80}]},
    }
    with podd.client() as c:
        assert c.post("/api/v1/namespaces/default/services", json=service).status_code == 201
        body = pod("asker", busybox, {"name": "web", "command": ["sh", "-c", asker]})
        assert c.post(PODS, json=body).status_code == 201
        wait_running(c, "asker", "web")
        wait_for("answers", lambda: "ok" in logs(c, "asker", container="web"))
    podd.kill()
    time.sleep(2)  # a query is sent while podd is down
    podd.start()
    with podd.client() as c:
        before = logs(c, "asker", container="web").split().count("ok")
        wait_for(
            "answers after the restart",
            lambda: logs(c, "asker", container="web").split().count("ok") > before + 3,
        )
        said = logs(c, "asker", container="web").split()
    assert "FAIL" not in said, said


def test_cluster_dns_names_services_and_pods(
    podd: PoddProcess, busybox: str, wget_image: str
) -> None:
    with podd.client() as c:
        db = web("db", busybox)
        db["metadata"]["labels"] = {"app": "db"}
        for body in (db, web("app", wget_image)):
            r = c.post(PODS, json=body)
            assert r.status_code == 201, r.text
        headless = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "db"},
            "spec": {"clusterIP": "None", "selector": {"app": "db"}, "ports": [{"port": 8080}]},
        }
        r = c.post("/api/v1/namespaces/default/services", json=headless)
        assert r.status_code == 201, r.text
        for name in ("db", "app"):
            wait_running(c, name, "web")
        db_ip = get(c, "db")["status"]["podIP"]
        resolv = exec_(c, "app", "cat", "/etc/resolv.conf")["stdout"]
        assert "nameserver 10.88.0.1" in resolv, resolv
        assert "search default.svc.cluster.local svc.cluster.local cluster.local" in resolv
        assert "ndots:5" in resolv

        def resolved() -> str | None:  # the endpoints follow db's readiness
            out = exec_(c, "app", "nslookup", "db")["stdout"]  # through the search path
            return db_ip if f"Address: {db_ip}" in out else None

        assert wait_for("db through the cluster DNS", resolved) == db_ip
        found = exec_(c, "app", "nslookup", "db.default.svc.cluster.local")["stdout"]
        assert db_ip in found, found
        dashed = db_ip.replace(".", "-")
        pod_name = f"{dashed}.default.pod.cluster.local"
        found = exec_(c, "app", "nslookup", pod_name)["stdout"]
        assert db_ip in found, found
        # a client resolving as applications do (glibc, the search path) fetches
        # by each name: the headless Service's (short and full) and the pod's
        for host in ("db", "db.default.svc.cluster.local", pod_name):
            out = exec_(c, "app", *fetch(f"http://{host}:8080/"))
            assert out["stdout"].strip() == "I am db", (host, out)


def test_a_killed_network_slirp4netns_is_restarted_with_host_ports(
    podd: PoddProcess, busybox: str
) -> None:
    port = free_port()
    with podd.client() as c:
        r = c.post(PODS, json=web("hp", busybox, ports=[{"containerPort": 8080, "hostPort": port}]))
        assert r.status_code == 201, r.text
        wait_running(c, "hp", "web")
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text.strip() == "I am hp"
        old = json.loads((network_dir(podd) / "state.json").read_text())["slirp"]["pid"]
        os.kill(old, signal.SIGKILL)

        def restarted() -> int | None:
            new = json.loads((network_dir(podd) / "state.json").read_text())["slirp"]
            return int(new["pid"]) if new and new["pid"] != old else None

        wait_for("a new slirp4netns", restarted)

        def answers() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/", timeout=2).text.strip() == "I am hp"
            except httpx.HTTPError:
                return False

        wait_for("the host port again", answers)
        events = c.get("/api/v1/namespaces/default/events").json()["items"]
        restored = [e for e in events if e["reason"] == "NetworkRestored"]
        assert restored and restored[0]["involvedObject"]["kind"] == "Node", events
        assert f"slirp4netns {old} of the pod network died" in restored[0]["message"]
        assert "with 1 host port(s)" in restored[0]["message"]


def test_service_balances_ready_backends_and_publishes_its_node_port(
    podd: PoddProcess, busybox: str, wget_image: str
) -> None:
    """A `db` Service with two ready backends: a client pod fetching
    `http://db/` (through the search path) and `http://db.default.svc.cluster.local/`
    by name reaches both; a backend failing readiness stops receiving; the
    nodePort answers on 127.0.0.1; deleting the Service closes it."""
    node_port = 30000 + free_port() % 2700
    ready = {"exec": {"command": ["test", "!", "-e", "/tmp/unready"]}, "periodSeconds": 1}
    with podd.client(timeout=30) as c:
        for name in ("db-0", "db-1"):
            body = web(name, busybox, readinessProbe=ready)
            body["metadata"]["labels"] = {"app": "db"}
            assert c.post(PODS, json=body).status_code == 201
        assert c.post(PODS, json=web("client", wget_image)).status_code == 201
        svc = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "db"},
            "spec": {
                "type": "NodePort",
                "selector": {"app": "db"},
                "ports": [{"port": 80, "targetPort": 8080, "nodePort": node_port}],
            },
        }
        r = c.post("/api/v1/namespaces/default/services", json=svc)
        assert r.status_code == 201, r.text
        cluster_ip = r.json()["spec"]["clusterIP"]
        wait_running(c, "client", "web")

        resolv = exec_(c, "client", "cat", "/etc/resolv.conf")["stdout"]
        assert "search default.svc.cluster.local" in resolv and "ndots:5" in resolv, resolv
        # the name is the Service's clusterIP (not its pods' addresses)
        found = exec_(c, "client", "nslookup", "db")["stdout"]
        assert f"Address: {cluster_ip}" in found, found

        def served(n: int, host: str = "db") -> dict[str, int]:
            out = exec_(c, "client", *fetch(f"http://{host}/", n))["stdout"].split("\n")
            return {who: out.count(who) for who in ("I am db-0", "I am db-1")}

        def both_serve() -> dict[str, int] | None:
            counts = served(30)
            return counts if all(counts.values()) else None

        # `db` through the search path (ndots:5: db.default.svc.cluster.local first)
        both = wait_for("both backends serve http://db/", both_serve)
        assert sum(both.values()) == 30, both  # every request answered
        full = served(30, "db.default.svc.cluster.local")
        assert sum(full.values()) == 30 and all(full.values()), full
        by_ip = served(10, cluster_ip)
        assert sum(by_ip.values()) == 10, by_ip
        exec_(c, "db-1", "touch", "/tmp/unready")
        wait_for("db-1 left", lambda: served(10)["I am db-1"] == 0, timeout=10)
        assert served(20) == {"I am db-0": 20, "I am db-1": 0}
        exec_(c, "db-1", "rm", "/tmp/unready")
        wait_for("db-1 back", lambda: served(20)["I am db-1"] > 0, timeout=10)
        page = httpx.get(f"http://127.0.0.1:{node_port}/", timeout=5).text.strip()
        assert page in ("I am db-0", "I am db-1")
        assert c.delete("/api/v1/namespaces/default/services/db").status_code == 200

        def closed() -> bool:
            try:
                httpx.get(f"http://127.0.0.1:{node_port}/", timeout=2)
            except httpx.HTTPError:
                return True
            return False

        wait_for("the nodePort closed", closed)


def test_a_killed_network_holder_rebuilds_the_network_and_its_pods(
    podd: PoddProcess, busybox: str
) -> None:
    """The holder gone, its namespaces go: a new network is built and each
    pod's sandbox, hanging off the old one, is rebuilt on the new one."""
    with podd.client(timeout=30) as c:
        for name in ("a", "b"):
            assert c.post(PODS, json=web(name, busybox)).status_code == 201
        for name in ("a", "b"):
            wait_running(c, name, "web")
        old = json.loads((network_dir(podd) / "state.json").read_text())["holder"]["pid"]
        os.kill(old, signal.SIGKILL)

        def rebuilt() -> dict[str, Any] | None:
            pods = [get(c, n) for n in ("a", "b")]
            sts = [status_of(p, "web") for p in pods]
            ok = all(s and s["restartCount"] >= 1 and s["state"].get("running") for s in sts)
            return {p["metadata"]["name"]: p for p in pods} if ok else None

        pods = wait_for("both pods on a new sandbox", rebuilt, timeout=60)
        new = json.loads((network_dir(podd) / "state.json").read_text())["holder"]["pid"]
        assert new != old
        b_ip = pods["b"]["status"]["podIP"]
        out = exec_(c, "a", "wget", "-qO-", f"http://{b_ip}:8080/")
        assert out["stdout"].strip() == "I am b", out
        # the cluster DNS moved to the new network's sockets
        record = f"{b_ip.replace('.', '-')}.default.pod.cluster.local"
        found = exec_(c, "a", "nslookup", record)["stdout"]
        assert f"Address: {b_ip}" in found, found
        events = c.get("/api/v1/namespaces/default/events").json()["items"]
        died = [e["message"] for e in events if e["reason"] == "SandboxDied"]
        assert died and all("pod network" in m for m in died), died
        assert any(e["reason"] == "NetworkRestored" for e in events)
