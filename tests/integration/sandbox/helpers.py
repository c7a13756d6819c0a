"""Helpers for the rootless sandbox tests: run things inside a pod, probe
ports, look at /proc. Every wait is bounded in time."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from podd.sandbox.pause import join_argv
from podd.sandbox.process import is_running
from podd.sandbox.sandbox import SandboxState

REPO = Path(__file__).resolve().parents[3]


@dataclass
class Done:
    rc: int
    out: str
    err: str


def pod_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


async def run_in_pod(
    pause: Path, pid: int, namespaces: list[str], argv: list[str], timeout: float = 20.0
) -> Done:
    """Run ``argv`` inside the pod's namespaces (podd-pause --join) and wait."""
    proc = await asyncio.create_subprocess_exec(
        *join_argv(pause, pid, namespaces, argv),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=pod_env(),
    )
    try:
        async with asyncio.timeout(timeout):
            out, err = await proc.communicate()
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return Done(proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"))


async def python_in_pod(pause: Path, pid: int, code: str, timeout: float = 20.0) -> Done:
    return await run_in_pod(pause, pid, ["user", "net"], [sys.executable, "-c", code], timeout)


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def status_field(pid: int, name: str) -> str | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    for line in text.splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    return None


def children_of(pid: int) -> list[int]:
    """Pids whose parent is ``pid`` (zombies included)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and status_field(int(entry), "PPid") == str(pid):
            out.append(int(entry))
    return out


def our_pod_processes() -> list[str]:
    """Our direct children that are pod processes (we are a subreaper)."""
    found = []
    for pid in children_of(os.getpid()):
        name = status_field(pid, "Name") or ""
        if name in ("podd-pause", "slirp4netns"):
            found.append(f"{pid} {name} {status_field(pid, 'State')}")
    return found


def wait_for(predicate: object, timeout: float = 5.0, what: str = "condition") -> None:
    """Poll ``predicate`` (bounded) where the kernel offers no event to wait on."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.005)


def assert_sandbox_gone(state: SandboxState) -> None:
    """No pause, no slirp4netns, no cgroup, no runtime files, no mounts, ports free."""
    assert not is_running(state.pause.ref), "pause still running"
    if state.slirp is not None:  # on the pod network the slirp4netns is shared
        assert not is_running(state.slirp.ref), "slirp4netns still running"
        assert not Path(state.slirp.api_socket).exists()
    assert not Path(state.runtime_dir).exists(), "runtime dir left"
    if state.cgroup_path:
        assert not Path(state.cgroup_path).exists(), "cgroup left"
    mounts = Path("/proc/self/mountinfo").read_text()
    assert state.runtime_dir not in mounts
    for fwd in state.forwards:
        assert port_is_free(fwd.forward.host_port), f"port {fwd.forward.host_port} still bound"
