"""One ``podd serve`` on a unix socket, started and stopped by the check,
and the few API calls the checks make (every wait bounded)."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

NS = "default"
PODS = f"/api/v1/namespaces/{NS}/pods"


class PoddServer:
    def __init__(self, work: Path, runtime: str, extra: list[str]) -> None:
        self.work = work
        self.socket = work / "run" / "podd.sock"
        self.log_path = work / "podd.log"
        self.argv = [
            sys.executable,
            "-m",
            "podd.cli.main",
            "serve",
            "--socket",
            str(self.socket),
            "--data-dir",
            str(work / "data"),
            "--runtime-dir",
            str(work / "run"),
            "--runtime",
            runtime,
            *extra,
        ]
        self.proc: subprocess.Popen[bytes] | None = None
        self.http: httpx.Client | None = None

    def start(self, timeout: float = 90.0) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.http = httpx.Client(
            transport=httpx.HTTPTransport(uds=str(self.socket)),
            base_url="http://podd",
            timeout=30.0,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"podd exited with {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(httpx.TransportError):
                if self.socket.exists() and self.c.get("/readyz").status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"podd not ready after {timeout:.0f}s:\n{self.log_tail()}")

    @property
    def c(self) -> httpx.Client:
        assert self.http is not None, "podd not started"
        return self.http

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 30.0) -> str:
        """SIGTERM, then SIGKILL after ``timeout``; returns what happened."""
        if self.http is not None:
            self.http.close()
        if self.proc is None or self.proc.poll() is not None:
            return "not running"
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
            return f"exited {self.proc.returncode} on SIGTERM"
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            return f"did not exit within {timeout:.0f}s of SIGTERM: killed"

    # -- API ------------------------------------------------------------------
    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        r = self.c.post(PODS, json=body)
        if r.status_code >= 300:
            raise RuntimeError(f"create {body['metadata']['name']}: {r.status_code} {r.text}")
        out: dict[str, Any] = r.json()
        return out

    def get(self, name: str) -> dict[str, Any] | None:
        r = self.c.get(f"{PODS}/{name}")
        if r.status_code == 404:
            return None
        r.raise_for_status()
        out: dict[str, Any] = r.json()
        return out

    def logs(self, name: str) -> str:
        r = self.c.get(f"{PODS}/{name}/log")
        return r.text if r.status_code == 200 else f"(logs: {r.status_code} {r.text[:200]})"

    def wait(
        self,
        name: str,
        ok: Callable[[dict[str, Any]], bool],
        timeout: float,
        interval: float = 0.1,
    ) -> dict[str, Any] | None:
        """The pod once ``ok(pod)``, or None after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            pod = self.get(name)
            if pod is not None and ok(pod):
                return pod
            if time.monotonic() >= deadline:
                return None
            time.sleep(interval)

    def delete(self, name: str, timeout: float = 60.0) -> bool:
        """Delete and wait until the pod is gone."""
        r = self.c.delete(f"{PODS}/{name}", params={"gracePeriodSeconds": "1"})
        if r.status_code not in (200, 202, 404):
            raise RuntimeError(f"delete {name}: {r.status_code} {r.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.get(name) is None:
                return True
            time.sleep(0.1)
        return False

    def delete_all(self, timeout: float = 90.0) -> list[str]:
        """Delete every pod; returns the names still there after ``timeout``."""
        names = [p["metadata"]["name"] for p in self.c.get(PODS).json().get("items", [])]
        for name in names:
            self.c.delete(f"{PODS}/{name}", params={"gracePeriodSeconds": "0"})
        deadline = time.monotonic() + timeout
        left = names
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = [p["metadata"]["name"] for p in self.c.get(PODS).json().get("items", [])]
        return left


def phase(pod: dict[str, Any]) -> str:
    return str(pod.get("status", {}).get("phase", ""))


def terminated(pod: dict[str, Any]) -> dict[str, Any] | None:
    for cs in pod.get("status", {}).get("containerStatuses") or []:
        term = (cs.get("state") or {}).get("terminated")
        if term:
            out: dict[str, Any] = term
            return out
    return None


def condition(pod: dict[str, Any], kind: str) -> dict[str, Any] | None:
    for cond in pod.get("status", {}).get("conditions") or []:
        if cond.get("type") == kind:
            out: dict[str, Any] = cond
            return out
    return None


def container_id(pod: dict[str, Any]) -> str:
    statuses = pod.get("status", {}).get("containerStatuses") or [{}]
    return str(statuses[0].get("containerID") or "")
