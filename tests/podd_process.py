"""Run ``podd serve`` as a child process and talk to it over its unix socket."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

START_TIMEOUT = 30.0


def test_cgroup_root(name: str) -> Path | None:
    """A fresh cgroup for one podd under the cgroup this test runs in (the
    delegated subtree), so parallel podds never share pods/ or daemon/."""
    from podd.sandbox.cgroups import own_cgroup, read_mode, writable_cgroup

    mount = read_mode().v2_mount
    here = own_cgroup(mount) if mount else None
    if here is None or not writable_cgroup(here):
        return None
    path = here / name
    path.mkdir(exist_ok=True)
    return path


def kill_cgroup_tree(path: Path, timeout: float = 10.0) -> list[str]:
    """Kill everything left in ``path`` and remove it; returns what was found
    (pid and command line)."""
    if not path.is_dir():
        return []
    left: list[str] = []
    for procs in path.rglob("cgroup.procs"):
        for pid in procs.read_text().split():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                cmd = "?"
            left.append(f"{pid} {cmd.strip()}")
    if left:
        kill = path / "cgroup.kill"
        if kill.exists():
            kill.write_text("1")
        else:
            for entry in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(entry.split()[0]), signal.SIGKILL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "populated 0" in (path / "cgroup.events").read_text():
            break
        time.sleep(0.02)
    for sub in sorted((p for p in path.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            sub.rmdir()
    with contextlib.suppress(OSError):
        path.rmdir()
    return left


class PoddProcess:
    def __init__(self, base: Path, *extra_args: str, runtime_dir: Path | None = None) -> None:
        self.base = base
        self.data_dir = base / "data"
        self.runtime_dir = runtime_dir or base / "run"
        self.socket = self.runtime_dir / "podd.sock"
        self.log_path = base / "podd.log"
        self.extra_args = list(extra_args)
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = None
        self.cgroup_root = test_cgroup_root(f"podd-test-{os.getpid()}-{base.name}")
        self.leftovers: list[str] = []

    def argv(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "podd.cli.main",
            "serve",
            "--socket",
            str(self.socket),
            "--data-dir",
            str(self.data_dir),
            "--runtime-dir",
            str(self.runtime_dir),
            "--log-level",
            "debug",
            *(["--cgroup-root", str(self.cgroup_root)] if self.cgroup_root else []),
            *self.extra_args,
        ]

    def start(self, wait: bool = True) -> None:
        env = dict(os.environ)
        env.pop("PODD_CONFIG", None)
        env["XDG_CONFIG_HOME"] = str(self.base / "config")  # no user config leaks in
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.argv(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"podd exited with {self.proc.returncode}:\n{self.log()}")
            if self.socket.exists():
                try:
                    with self.client(timeout=2) as c:
                        if c.get("/readyz").status_code == 200:
                            return
                except httpx.TransportError:
                    pass
            time.sleep(0.05)
        raise RuntimeError(f"podd not ready after {timeout}s:\n{self.log()}")

    def client(self, timeout: float = 10.0) -> httpx.Client:
        return httpx.Client(
            transport=httpx.HTTPTransport(uds=str(self.socket)),
            base_url="http://podd",
            timeout=timeout,
        )

    def async_client(self, timeout: float = 10.0) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(uds=str(self.socket)),
            base_url="http://podd",
            timeout=timeout,
        )

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-20000:]
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self, timeout: float = 15.0) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
                raise
        return self.proc.returncode

    def delete_all_pods(self, timeout: float = 60.0) -> None:
        """Delete every pod through the API and wait until they are gone."""
        if self.proc is None or self.proc.poll() is not None:
            return
        with self.client(timeout=timeout) as c:
            pods = c.get("/api/v1/pods").json().get("items", [])
            for pod in pods:
                meta = pod["metadata"]
                c.delete(f"/api/v1/namespaces/{meta['namespace']}/pods/{meta['name']}")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and c.get("/api/v1/pods").json()["items"]:
                time.sleep(0.05)

    def stop(self) -> None:
        """Delete the pods, stop podd, then kill whatever is left in its
        cgroup (recorded in ``leftovers``: a clean test leaves none)."""
        with contextlib.suppress(httpx.HTTPError, RuntimeError):
            self.delete_all_pods()
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.terminate()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.cgroup_root is not None:
            self.leftovers = kill_cgroup_tree(self.cgroup_root)
