"""Shared helpers for the benchmarks: a podd to measure, podman's REST
service beside it, medians and ratios. Run benchmarks as the unprivileged
user inside its delegated cgroup (``bash scripts/as-user.sh poddtest …``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
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


def runtime_tmpdir(prefix: str) -> Path:
    """A runtime dir on tmpfs, as $XDG_RUNTIME_DIR (/run/user/UID) is on the
    laptops podd is for; this machine has no logind, so /dev/shm stands in.
    Both podd and podman get one: on ext4 here every rename-over or
    truncate of a small state file starts writeback and costs ~2 ms."""
    shm = Path("/dev/shm")
    where = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=where))


@contextlib.contextmanager
def podd_service(*args: str) -> Iterator[PoddProcess]:
    base = Path(tempfile.mkdtemp(prefix="podd-bench-"))
    run = runtime_tmpdir("podd-bench-run-")
    # debug logging (the tests' default) is not what users run
    proc = PoddProcess(base, "--log-level", "info", *args, runtime_dir=run)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)


@contextlib.contextmanager
def podman_service() -> Iterator[httpx.Client | None]:
    """podman's libpod REST API on a private unix socket (None without podman),
    with its own storage and runtime dir, so its rootless pause is ours to stop."""
    podman = shutil.which("podman")
    if podman is None:
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="podman-bench-"))
    sock = base / "podman.sock"
    run = runtime_tmpdir("podman-bench-run-")
    env = dict(os.environ, XDG_RUNTIME_DIR=str(run))
    cmd = [
        podman,
        "--root",
        str(base / "root"),
        "--runroot",
        str(run / "rr"),
        "--runtime",
        "runc",
    ]
    proc = subprocess.Popen(
        [*cmd, "system", "service", "--time=0", f"unix://{sock}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
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
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        subprocess.run(
            [*cmd, "unshare", "rm", "-rf", str(base / "root")],
            env=env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        # (podman unshare may have started its pause again: stop it last.)
        for pause in (
            run / "libpod" / "tmp" / "pause.pid",
            Path(f"/run/user/{os.getuid()}/libpod/tmp/pause.pid"),
        ):
            _kill_podman_pause(pause)
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)


def _kill_podman_pause(pid_file: Path) -> None:
    """podman's rootless pause (catatonit) outlives the service; stop it."""
    try:
        pid = int(pid_file.read_text().strip())
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except (OSError, ValueError):
        return
    if comm == "catatonit":
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


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
