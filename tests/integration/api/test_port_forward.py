"""port-forward against a real podd with a real pod: the official Python
client's ``portforward()`` (v4 channel framing) and the protocol's
refusals. The pod's server listens on its loopback only: what a slirp4netns
host forward could never reach, a connection made inside the pod's network
namespace does."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from kubernetes import client, config
from kubernetes.client.rest import ApiException
from kubernetes.stream import portforward
from websockets.asyncio.client import unix_connect
from websockets.exceptions import InvalidStatus

from tests.e2e.conftest import ROOT, write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

NS = "default"
V4 = "v4.channel.k8s.io"
BIG = 8 * 1024 * 1024
# httpd on the pod's loopback only; a file of BIG bytes, and its sha256 as a file.
SERVE = (
    "mkdir -p /www && echo hello-from-the-pod > /www/index.html"
    f" && head -c {BIG} /dev/urandom > /www/big"
    " && sha256sum /www/big | cut -d' ' -f1 > /www/big.sha256"
    " && exec httpd -f -p 127.0.0.1:8080 -h /www"
)


class Served(NamedTuple):
    proc: PoddProcess
    api: client.CoreV1Api


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("podd-pf")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    proc.start()
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            spec = pod("web", image, {"name": "main", "command": ["sh", "-c", SERVE]})
            assert c.post(PODS, json=spec).status_code == 201
            wait_running(c, "web", "main")
        yield Served(
            proc, client.CoreV1Api(config.new_client_from_config(config_file=str(kc.path)))
        )
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def _get(sock: socket.socket, path: str) -> tuple[str, bytes]:
    """An HTTP/1.0 GET over ``sock``: the status line and the body."""
    sock.settimeout(60)
    sock.sendall(f"GET {path} HTTP/1.0\r\nHost: pod\r\n\r\n".encode())
    data = bytearray()
    while chunk := sock.recv(1 << 20):
        data += chunk
    head, _, body = bytes(data).partition(b"\r\n\r\n")
    return head.split(b"\r\n", 1)[0].decode(), body


@pytest.fixture
def api(served: Served) -> client.CoreV1Api:
    return served.api


def _get_when_up(api: client.CoreV1Api, path: str) -> tuple[str, bytes]:
    """httpd starts after the container does: retry a refused forward a while."""
    deadline = time.monotonic() + 30
    while True:
        pf = portforward(api.connect_get_namespaced_pod_portforward, "web", NS, ports="8080")
        status, body = _get(pf.socket(8080), path)
        if status or time.monotonic() > deadline:
            return status, body
        assert "connection refused" in (pf.error(8080) or "").lower()
        time.sleep(0.2)


def test_python_client_reaches_the_pods_loopback(api: client.CoreV1Api) -> None:
    status, body = _get_when_up(api, "/index.html")
    assert status.endswith("200 OK")
    assert body == b"hello-from-the-pod\n"


def test_a_large_body_arrives_intact(api: client.CoreV1Api) -> None:
    _, want = _get_when_up(api, "/big.sha256")
    pf = portforward(api.connect_get_namespaced_pod_portforward, "web", NS, ports="8080")
    status, body = _get(pf.socket(8080), "/big")
    assert status.endswith("200 OK")
    assert len(body) == BIG
    assert hashlib.sha256(body).hexdigest() == want.decode().strip()


def test_two_ports_one_refused(api: client.CoreV1Api) -> None:
    _get_when_up(api, "/index.html")
    pf = portforward(api.connect_get_namespaced_pod_portforward, "web", NS, ports="8080,9")
    status, _ = _get(pf.socket(8080), "/index.html")
    assert status.endswith("200 OK")
    sock = pf.socket(9)
    sock.settimeout(30)
    assert sock.recv(10) == b""  # nothing listens on 9: closed, and the reason said
    deadline = time.monotonic() + 10
    while pf.error(9) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    error = pf.error(9) or ""
    assert error.startswith("error forwarding port 9 to pod web_default, uid ")
    assert "127.0.0.1: Connection refused" in error


@pytest.mark.parametrize(
    ("name", "query", "code", "words"),
    [
        ("web", "ports=0", 400, 'port "0" must be > 0 and < 65536'),
        ("web", "ports=http", 400, 'unable to parse "http" as a port'),
        ("web", "ports=8080,70000", 400, 'port "70000" must be > 0 and < 65536'),
        ("web", "", 400, "at least 1 port must be specified"),
        ("nothing-here", "ports=80", 404, 'pods "nothing-here" not found'),
    ],
)
def test_refusals_are_statuses(
    served: Served, name: str, query: str, code: int, words: str
) -> None:
    """Refused before the upgrade: an HTTP Status the client can print (the
    Python client checks ports itself, so the protocol is spoken directly)."""
    path = f"/api/v1/namespaces/{NS}/pods/{name}/portforward?{query}"

    async def refused() -> tuple[int, dict[str, Any]]:
        try:
            async with unix_connect(str(served.proc.socket), f"ws://podd{path}", subprotocols=[V4]):
                raise AssertionError("upgraded")
        except InvalidStatus as exc:
            return exc.response.status_code, json.loads(bytes(exc.response.body or b"{}"))

    got_code, body = asyncio.run(refused())
    assert (got_code, body["kind"], body["code"]) == (code, "Status", code)
    assert words in body["message"]


def test_plain_http_is_told_to_use_websocket(served: Served) -> None:
    with pytest.raises(ApiException) as err:
        served.api.connect_post_namespaced_pod_portforward("web", NS, ports="8080")
    assert err.value.status == 400
    assert "over WebSocket only" in str(err.value.body)


def _podd_port_forward(served: Served, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "podd.cli.main", "port-forward"]
    argv += ["--socket", str(served.proc.socket), *args]
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_podd_port_forward(served: Served) -> None:
    _get_when_up(served.api, "/index.html")
    proc = _podd_port_forward(served, "pod/web", ":8080")
    try:
        assert proc.stdout is not None
        found = re.match(r"Forwarding from 127\.0\.0\.1:(\d+) -> 8080$", proc.stdout.readline())
        assert found
        port = int(found.group(1))
        for _ in range(3):  # one WebSocket per connection, each its own
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                status, body = _get(sock, "/index.html")
            assert (status.split()[1], body) == ("200", b"hello-from-the-pod\n")
        assert proc.stdout.readline() == "Handling connection for 8080\n"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_podd_port_forward_to_a_missing_pod(served: Served) -> None:
    proc = _podd_port_forward(served, "nope", "8080")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.strip() == 'podd: pods "nope" not found'
