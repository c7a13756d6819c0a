"""The service itself: socket, TCP with a token, restarts, concurrency,
namespaces, health and version endpoints, and the OpenAPI contract."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.api.helpers import seed_pod, simple_pod, wait_gone
from tests.podd_process import PoddProcess

PODS = "/api/v1/namespaces/default/pods"
ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_socket_is_private(podd: PoddProcess) -> None:
    mode = stat.S_IMODE(os.stat(podd.socket).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(podd.socket.parent).st_mode) == 0o700


def test_second_podd_on_same_socket_refused(podd: PoddProcess, tmp_path: Path) -> None:
    other = PoddProcess(tmp_path)
    other.socket = podd.socket
    other.start(wait=False)
    assert other.proc is not None
    assert other.proc.wait(timeout=30) == 1
    assert "podd already running" in other.log()
    other.stop()
    with podd.client() as c:
        assert c.get("/healthz").status_code == 200


def test_stale_socket_is_replaced(tmp_path: Path) -> None:
    proc = PoddProcess(tmp_path)
    proc.runtime_dir.mkdir(mode=0o700, parents=True)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(proc.socket))
    stale.close()  # bound, never listening: what a dead podd leaves
    proc.start()
    try:
        with proc.client() as c:
            assert c.get("/readyz").text == "ok"
    finally:
        proc.stop()


def test_tcp_needs_a_token(tmp_path: Path) -> None:
    port = free_port()
    token = tmp_path / "token"
    token.write_text("s3cret-token-0123456789\n")
    token.chmod(0o600)
    # Plain HTTP on TCP only when asked for by name (TLS is tested in tests/e2e).
    proc = PoddProcess(
        tmp_path / "b",
        "--insecure-plaintext-listen",
        f"127.0.0.1:{port}",
        "--token-file",
        str(token),
    )
    proc.base.mkdir()
    proc.start()
    try:
        url = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=url, timeout=10) as c:
            r = c.get(PODS)
            assert r.status_code == 401 and r.json()["reason"] == "Unauthorized"
            r = c.get(PODS, headers={"Authorization": "Bearer wrong"})
            assert r.status_code == 401
            ok = {"Authorization": "Bearer s3cret-token-0123456789"}
            r = c.post(PODS, json=simple_pod("tcp"), headers=ok)
            assert r.status_code == 201, r.text
            assert c.get("/healthz").status_code == 200  # probes need no token
        # The unix socket needs none.
        with proc.client() as c:
            assert c.get(f"{PODS}/tcp").status_code == 200
    finally:
        proc.stop()


def test_tcp_without_a_token_file_generates_one(tmp_path: Path) -> None:
    port = free_port()
    proc = PoddProcess(tmp_path / "a", "--insecure-plaintext-listen", f"127.0.0.1:{port}")
    proc.base.mkdir()
    proc.start()
    try:
        generated = proc.data_dir / "token"
        assert generated.stat().st_mode & 0o777 == 0o600
        ok = {"Authorization": f"Bearer {generated.read_text().strip()}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as c:
            assert c.get(PODS).status_code == 401
            assert c.get(PODS, headers=ok).status_code == 200
    finally:
        proc.stop()


def settled(c: httpx.Client, timeout: float = 60) -> list[dict[str, Any]]:
    """Every pod once its sandbox is ready (its status stops changing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = c.get(PODS).json()["items"]

        def stuck(p: dict[str, Any]) -> bool:
            st = p["status"]
            statuses = (st.get("containerStatuses") or []) + (st.get("initContainerStatuses") or [])
            return any(
                (cs["state"].get("waiting") or {}).get("reason") == "ErrImageNeverPull"
                for cs in statuses
            )

        if items and all(stuck(p) for p in items):
            time.sleep(0.5)  # the last event/status writes of this sync
            return list(c.get(PODS).json()["items"])
        time.sleep(0.1)
    raise AssertionError("pods did not settle")


def never_pull(pod: dict[str, Any]) -> dict[str, Any]:
    """No registry here: with pull policy Never the status settles (no retries)."""
    for key in ("containers", "initContainers"):
        for c in pod["spec"].get(key, []):
            c["imagePullPolicy"] = "Never"
    return pod


def test_sigkill_loses_nothing_acknowledged(podd: PoddProcess) -> None:
    with podd.client() as c:
        for i in range(10):
            assert c.post(PODS, json=never_pull(simple_pod(f"k{i}"))).status_code == 201
        assert c.post(PODS, json=never_pull(seed_pod())).status_code == 201
        created = settled(c)
        assert len(created) == 11
    podd.kill()
    podd.start()
    with podd.client() as c:
        for pod in created:
            got = c.get(f"{PODS}/{pod['metadata']['name']}")
            assert got.status_code == 200
            assert got.json()["metadata"]["uid"] == pod["metadata"]["uid"]
            assert got.json()["metadata"]["resourceVersion"] == pod["metadata"]["resourceVersion"]
        # The resourceVersion counter moves on from where it was.
        latest = max(int(p["metadata"]["resourceVersion"]) for p in created)
        nxt = c.post(PODS, json=simple_pod("after")).json()
        assert int(nxt["metadata"]["resourceVersion"]) > latest


def test_sigterm_is_a_clean_stop(podd: PoddProcess) -> None:
    assert podd.terminate() == 0
    assert not podd.socket.exists()
    assert "stopped" in podd.log()


def test_fifty_concurrent_creates(podd: PoddProcess) -> None:
    async def create_all() -> list[httpx.Response]:
        async def one(i: int) -> httpx.Response:
            async with podd.async_client(timeout=60) as c:  # 50 separate clients
                return await c.post(PODS, json=simple_pod(f"c{i:02d}"))

        return await asyncio.gather(*(one(i) for i in range(50)))

    responses = asyncio.run(create_all())
    assert [r.status_code for r in responses] == [201] * 50, [
        r.text for r in responses if r.status_code != 201
    ][:3]
    rvs = {r.json()["metadata"]["resourceVersion"] for r in responses}
    assert len(rvs) == 50
    with podd.client() as c:
        assert len(c.get(PODS).json()["items"]) == 50
    assert "database is locked" not in podd.log()


def test_namespaces(podd: PoddProcess) -> None:
    with podd.client() as c:
        names = [n["metadata"]["name"] for n in c.get("/api/v1/namespaces").json()["items"]]
        assert "default" in names
        r = c.post(
            "/api/v1/namespaces",
            json={"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}},
        )
        assert r.status_code == 201, r.text
        assert r.json()["status"]["phase"] == "Active"
        assert c.post("/api/v1/namespaces/team-a/pods", json=simple_pod("p")).status_code == 201
        assert c.get("/api/v1/pods").json()["items"][0]["metadata"]["namespace"] == "team-a"
        bad = c.post("/api/v1/namespaces", json={"metadata": {"name": "Bad_Name"}})
        assert bad.status_code == 422
        assert bad.json()["details"]["causes"][0]["field"] == "metadata.name"
        r = c.delete("/api/v1/namespaces/default")
        assert r.status_code == 403 and r.json()["reason"] == "Forbidden"
        r = c.delete("/api/v1/namespaces/team-a")
        assert r.status_code == 200, r.text
        assert r.json()["status"]["phase"] == "Terminating"
        r = c.post("/api/v1/namespaces/team-a/pods", json=simple_pod("late"))
        assert r.status_code == 403 and "being terminated" in r.json()["message"]
        wait_gone(c, "/api/v1/namespaces/team-a")
        assert c.get("/api/v1/namespaces/team-a/pods/p").status_code == 404


def test_health_version_info(podd: PoddProcess) -> None:
    with podd.client() as c:
        for path in ("/healthz", "/livez", "/readyz"):
            r = c.get(path)
            assert r.status_code == 200 and r.text == "ok"
        v = c.get("/version").json()
        assert v["major"] == "1" and v["gitVersion"].startswith("v1.")
        info = c.get("/podd/v1/info").json()
        assert info["rootless"] == (os.getuid() != 0)
        assert info["uid"] == os.getuid()
        names = {comp["name"] for comp in info["components"]}
        assert {"runc", "conmon", "slirp4netns", "newuidmap"} <= names
        assert c.get("/api/v1").json()["kind"] == "APIResourceList"
        assert c.get("/nope").status_code == 404
        assert c.get("/nope").json()["kind"] == "Status"


def test_podd_version_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "podd.cli.main", "version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("podd ")


def test_openapi_matches_the_app() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "podd.cli.main", "openapi"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    committed = (ROOT / "api" / "openapi.yaml").read_text()
    assert out == committed, "api/openapi.yaml is stale: run `make openapi`"
    assert "/api/v1/namespaces/{namespace}/pods" in out


@pytest.mark.parametrize("cmd", [["db", "upgrade"]])
def test_db_upgrade_command(tmp_path: Path, cmd: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "podd.cli.main", *cmd, "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "at revision" in out and (tmp_path / "podd.db").exists()


def _unused(*_: Any) -> None:
    return None
