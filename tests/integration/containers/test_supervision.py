"""Supervision that notices: the death of a container's conmon, of a pod's
slirp4netns and of its pause is seen at once (pidfds), reported as an event
and handled as Kubernetes would. Each test prints the time from the kill to
the recovery (a figure for the notes, not an assertion)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import httpx

from tests.integration.containers.helpers import get, pod, status_of, wait_running
from tests.integration.pods.helpers import (
    PODS,
    condition,
    free_port,
    pid_alive,
    reasons,
    sandbox,
    wait_for,
)
from tests.podd_process import PoddProcess

LOOP = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
WEB = ["sh", "-c", "mkdir -p /w && echo up > /w/index.html && exec httpd -f -p 8080 -h /w"]


def _conmons(cid: str) -> list[int]:
    """conmon processes of container instance ``cid`` (by their argv)."""
    found = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            argv = (p / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"conmon") and cid.encode() in argv:
            found.append(int(p.name))
    return found


def _fetch(port: int) -> str | None:
    try:
        r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
    except httpx.HTTPError:
        return None
    return r.text if r.status_code == 200 else None


def test_killed_conmon_stops_the_container_and_it_restarts(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        assert c.post(PODS, json=pod("sup", busybox, {"name": "app", "command": LOOP})).is_success
        first = wait_running(c, "sup", "app")
        cid = first["containerID"].split("://", 1)[1]
        (conmon,) = _conmons(cid)
        t0 = time.monotonic()
        os.kill(conmon, signal.SIGKILL)

        def restarted() -> dict[str, Any] | None:
            s = status_of(get(c, "sup"), "app")
            return s if s and s["restartCount"] == 1 and s["state"].get("running") else None

        now = wait_for("the restart after conmon died", restarted, timeout=30)
        took = time.monotonic() - t0
        last = now["lastState"]["terminated"]
        assert last["containerID"] == first["containerID"]
        assert last["reason"] == "ContainerStatusUnknown" and last["exitCode"] == 137
        assert "conmon" in last["message"]
        assert "ContainerStatusUnknown" in reasons(c, "sup")
        assert _conmons(cid) == []  # the unsupervised instance is gone
        new = now["containerID"].split("://", 1)[1]
        assert len(_conmons(new)) == 1
        print(f"conmon kill -9 → container restarted in {took:.2f}s")


def test_killed_slirp4netns_is_restored_with_its_forwards(
    podd_slirp: PoddProcess, busybox: str
) -> None:
    """A pod's own slirp4netns (--network slirp); the pod network's is in
    tests/integration/network."""
    podd = podd_slirp
    port = free_port()
    with podd.client() as c:
        body = pod(
            "net",
            busybox,
            {"name": "web", "command": WEB, "ports": [{"containerPort": 8080, "hostPort": port}]},
        )
        assert c.post(PODS, json=body).is_success
        wait_running(c, "net", "web")
        wait_for("HTTP through the hostPort", lambda: _fetch(port), timeout=20)
        before = sandbox(c, "net")
        t0 = time.monotonic()
        os.kill(before["slirp"]["pid"], signal.SIGKILL)
        wait_for("NetworkRestored", lambda: "NetworkRestored" in reasons(c, "net"), timeout=20)
        assert wait_for("HTTP again", lambda: _fetch(port), timeout=20).strip() == "up"
        took = time.monotonic() - t0
        after = sandbox(c, "net")
        assert after["pause"]["pid"] == before["pause"]["pid"]
        assert after["slirp"]["pid"] != before["slirp"]["pid"]
        assert pid_alive(after["slirp"]["pid"])
        now = get(c, "net")
        assert status_of(now, "web")["restartCount"] == 0  # the container kept running
        wait_for("Ready again", lambda: condition(get(c, "net"), "Ready")["status"] == "True", 20)
        print(f"slirp4netns kill -9 → forward answering again in {took:.2f}s")


def test_killed_pause_rebuilds_the_sandbox(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        assert c.post(PODS, json=pod("sbx", busybox, {"name": "app", "command": LOOP})).is_success
        wait_running(c, "sbx", "app")
        before = sandbox(c, "sbx")
        t0 = time.monotonic()
        os.kill(before["pause"]["pid"], signal.SIGKILL)

        def rebuilt() -> dict[str, Any] | None:
            s = status_of(get(c, "sbx"), "app")
            return s if s and s["restartCount"] >= 1 and s["state"].get("running") else None

        wait_for("the container on a new sandbox", rebuilt, timeout=30)
        took = time.monotonic() - t0
        after = sandbox(c, "sbx")
        assert after["pause"]["pid"] != before["pause"]["pid"]
        if before["slirp"]:  # a slirp4netns of its own goes with the pause
            assert not pid_alive(before["slirp"]["pid"])
        assert "SandboxDied" in reasons(c, "sbx")
        print(f"pause kill -9 → container running in a new sandbox in {took:.2f}s")
