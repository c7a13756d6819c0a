"""Shared helpers for the benchmarks: a podd to measure, podman's REST
service beside it, medians and ratios. Run benchmarks as the unprivileged
user inside its delegated cgroup (``bash scripts/as-user.sh poddtest …``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.podd_process import PoddProcess  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def report(name: str, podd: list[float], podman: list[float] | None) -> dict[str, float | str]:
    row: dict[str, float | str] = {"metric": name, "podd_ms": round(median_ms(podd), 2)}
    if podman:
        row["podman_ms"] = round(median_ms(podman), 2)
        row["ratio"] = round(median_ms(podd) / median_ms(podman), 3)
    return row


@contextlib.contextmanager
def podd_service(*args: str) -> Iterator[PoddProcess]:
    base = Path(tempfile.mkdtemp(prefix="podd-bench-"))
    proc = PoddProcess(base, *args)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def podman_service() -> Iterator[httpx.Client | None]:
    """podman's libpod REST API on a private unix socket (None without podman)."""
    podman = shutil.which("podman")
    if podman is None:
        yield None
        return
    sock = Path(tempfile.mkdtemp(prefix="podman-bench-")) / "podman.sock"
    proc = subprocess.Popen(
        [podman, "--runtime", "runc", "system", "service", "--time=0", f"unix://{sock}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        client = httpx.Client(
            transport=httpx.HTTPTransport(uds=str(sock)),
            base_url="http://podman/v4.0.0/libpod",
            timeout=120,
        )
        yield client
        client.close()
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(sock.parent, ignore_errors=True)


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def environment() -> dict[str, str]:
    return {"kernel": os.uname().release, "cpus": str(os.cpu_count())}
