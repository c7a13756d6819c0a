"""The real kubectl port-forward against podd over TLS: 1.32 and 1.33 speak
SPDY/3.1 tunnelled in a WebSocket (podd's own codec on the other end);
HTTP through it, 20 connections at once, a 100 MB body intact. kubectl 1.27
(SPDY over an HTTP upgrade only) is told to use a newer kubectl."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import Kubectl, make_kubectl, start_podd, stop_podd, write_kubeconfig
from tests.integration.containers.helpers import get, pod, wait_running
from tests.integration.pods.helpers import PODS, condition, wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

BIG = 100 * 1000 * 1000
# httpd on the pod's loopback only, a 100 MB file and its sha256 beside it.
SERVE = (
    "mkdir -p /www && echo hello-from-the-pod > /www/index.html"
    f" && head -c {BIG} /dev/urandom > /www/big"
    " && sha256sum /www/big | cut -d' ' -f1 > /www/big.sha256"
    " && exec httpd -f -p 127.0.0.1:8080 -h /www"
)
# Ready once httpd answers on the pod's loopback.
READY = {
    "readinessProbe": {
        "exec": {"command": ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]},
        "periodSeconds": 1,
    }
}
FORWARDING = re.compile(r"Forwarding from 127\.0\.0\.1:(\d+) -> 8080")
SERVICES = "/api/v1/namespaces/default/services"
# kubectl port-forward svc/web resolves it client-side: the Service's selector
# finds the pod, its port 80 the targetPort 8080.
WEB_SERVICE = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "web"},
    "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]},
}


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Path


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-kpf")
    proc = start_podd(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            spec = pod("web", image, {"name": "main", "command": ["sh", "-c", SERVE], **READY})
            spec["metadata"]["labels"] = {"app": "web"}
            assert c.post(PODS, json=spec).status_code == 201
            assert c.post(SERVICES, json=WEB_SERVICE).status_code == 201
            wait_running(c, "web", "main")
            # kubectl ends a port-forward whose connection failed: serve first.
            wait_for("httpd", lambda: _ready(get(c, "web")), timeout=120)
        yield Env(proc, kc.path)
    finally:
        stop_podd(proc)


def _ready(p: dict[str, object]) -> bool:
    cond = condition(p, "Ready")
    return cond is not None and cond["status"] == "True"


@pytest.fixture(params=["1.32", "1.33"])
def kubectl(request: pytest.FixtureRequest, env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl(request.param, tmp_path / "home", env.kubeconfig)


class Forward:
    """``kubectl port-forward pod/web :8080`` (or another target) running; its local port."""

    def __init__(self, k: Kubectl, target: str = "pod/web", ports: str = ":8080") -> None:
        argv = [str(k.binary), "--kubeconfig", str(k.kubeconfig)]
        argv += ["--cache-dir", str(k.home / "cache"), "port-forward", target, ports]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(k.home)}
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # kubectl prints it once listening
        found = FORWARDING.search(line)
        assert found, f"kubectl printed {line!r}; stderr: {self._stderr()}"
        self.port = int(found.group(1))

    def _stderr(self) -> str:
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return "(kubectl still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        assert self.proc.stderr is not None
        print("kubectl port-forward's stderr:", self.proc.stderr.read())  # shown on failure


@pytest.fixture
def forward(kubectl: Kubectl) -> Iterator[Forward]:
    fwd = Forward(kubectl)
    try:
        yield fwd
    finally:
        fwd.close()


def _get(url: str) -> httpx.Response:
    """httpd starts after the container does: a refused forward is retried."""
    deadline = time.monotonic() + 30
    while True:
        try:
            r = httpx.get(url, timeout=120)
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
            continue
        return r


def test_http_through_port_forward(forward: Forward) -> None:
    r = _get(forward.url("/index.html"))
    assert (r.status_code, r.text) == (200, "hello-from-the-pod\n")


def test_http_through_a_service(kubectl: Kubectl) -> None:
    fwd = Forward(kubectl, "svc/web", ":80")
    try:
        r = _get(fwd.url("/index.html"))
        assert (r.status_code, r.text) == (200, "hello-from-the-pod\n")
    finally:
        fwd.close()


def test_twenty_connections_at_once(forward: Forward) -> None:
    _get(forward.url("/index.html"))
    with ThreadPoolExecutor(20) as pool:
        got = list(pool.map(lambda _: httpx.get(forward.url("/index.html"), timeout=60), range(20)))
    assert [(r.status_code, r.text) for r in got] == [(200, "hello-from-the-pod\n")] * 20


def test_the_pods_close_reaches_a_client_reading_to_the_end(forward: Forward) -> None:
    """httpd closes after an HTTP/1.0 answer. kubectl >= 1.32 then resets the
    data stream and reads the error stream to its end before it closes the
    local connection: podd must end that stream, or the client never sees EOF."""
    _get(forward.url("/index.html"))
    with socket.create_connection(("127.0.0.1", forward.port), timeout=30) as conn:
        conn.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
        got = b""
        while chunk := conn.recv(65536):  # socket.timeout if the end never comes
            got += chunk
    assert got.startswith(b"HTTP/1.") and got.endswith(b"\r\n\r\nhello-from-the-pod\n")


def test_a_100_mb_body_arrives_intact(forward: Forward) -> None:
    want = _get(forward.url("/big.sha256")).text.strip()
    digest = hashlib.sha256()
    size = 0
    with httpx.stream("GET", forward.url("/big"), timeout=300) as r:
        assert r.status_code == 200
        for chunk in r.iter_bytes():
            digest.update(chunk)
            size += len(chunk)
    assert (size, digest.hexdigest()) == (BIG, want)


def test_a_closed_port_is_reported_in_the_kubelets_words(kubectl: Kubectl) -> None:
    k = kubectl
    argv = [str(k.binary), "--kubeconfig", str(k.kubeconfig), "--cache-dir", str(k.home / "cache")]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(k.home)}
    proc = subprocess.Popen(
        [*argv, "port-forward", "pod/web", ":9"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        found = re.search(r"127\.0\.0\.1:(\d+) -> 9", proc.stdout.readline())
        assert found
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{found.group(1)}/", timeout=30)
        # kubectl prints the error stream's text and, as with a kubelet, ends
        # the whole forward ("lost connection to pod").
        proc.wait(timeout=30)
        err = proc.stderr.read()
        assert "lost connection to pod" in err
        assert "error forwarding port 9 to pod web_default" in err
        assert "Connection refused" in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_kubectl_127_is_told_to_use_a_newer_kubectl(env: Env, tmp_path: Path) -> None:
    old = make_kubectl("1.27", tmp_path / "home", env.kubeconfig)
    out = old.run("port-forward", "pod/web", ":8080", timeout=60)
    assert out.returncode == 1
    assert "podd serves port-forward over WebSocket only" in out.stderr
