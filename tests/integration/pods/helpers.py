"""Helpers for tests that run real rootless pods through a real podd."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from podd.sandbox.binaries import find_pause

PODS = "/api/v1/namespaces/default/pods"


def pod_with_port(
    name: str, host_port: int, container_port: int = 8080, annotations: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "annotations": annotations or {}},
        "spec": {
            "containers": [
                {
                    "name": "main",
                    "image": "busybox:1.36",
                    "command": ["sleep", "3600"],
                    "ports": [{"containerPort": container_port, "hostPort": host_port}],
                }
            ]
        },
    }


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(n: int) -> list[int]:
    """``n`` distinct free ports (all held until chosen, so none repeats)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_for(what: str, check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll ``check`` until it returns something truthy; bounded."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def condition(pod: dict[str, Any], type_: str) -> dict[str, Any] | None:
    for cond in pod.get("status", {}).get("conditions") or []:
        if cond["type"] == type_:
            return dict(cond)
    return None


def wait_sandbox(c: httpx.Client, name: str, timeout: float = 30.0) -> dict[str, Any]:
    """The pod once PodReadyToStartContainers is True."""

    seen: dict[str, Any] = {}

    def ready() -> dict[str, Any] | None:
        pod = c.get(f"{PODS}/{name}").json()
        seen["status"] = pod.get("status")
        cond = condition(pod, "PodReadyToStartContainers")
        return pod if cond and cond["status"] == "True" else None

    try:
        return dict(wait_for(f"sandbox of {name}", ready, timeout))
    except AssertionError as exc:
        raise AssertionError(f"{exc}; status: {seen.get('status')}") from None


def sandbox(c: httpx.Client, name: str) -> dict[str, Any]:
    r = c.get(f"/podd/v1/namespaces/default/pods/{name}/sandbox")
    assert r.status_code == 200, r.text
    return dict(r.json())


def events_for(c: httpx.Client, name: str) -> list[dict[str, Any]]:
    r = c.get(
        "/api/v1/namespaces/default/events", params={"fieldSelector": f"involvedObject.name={name}"}
    )
    return list(r.json()["items"])


def reasons(c: httpx.Client, name: str) -> list[str]:
    return [e["reason"] for e in events_for(c, name)]


def in_pod(
    pause_pid: int, *cmd: str, ns: str = "user,net,uts,ipc,mnt", timeout: float = 20, **kw: Any
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` inside the pod's namespaces (podd-pause --join)."""
    argv = [str(find_pause()), "--join", str(pause_pid), "--ns", ns, "--", *cmd]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False, **kw)


def start_in_pod(pause_pid: int, *cmd: str, ns: str = "user,net") -> subprocess.Popen[bytes]:
    argv = [str(find_pause()), "--join", str(pause_pid), "--ns", ns, "--", *cmd]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pid_alive(pid: int, start_time: int | None = None) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":
        return False
    return start_time is None or int(fields[19]) == start_time
