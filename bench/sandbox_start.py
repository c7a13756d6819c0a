"""How long a pod sandbox takes to come up: pause + uid/gid maps + namespaces +
slirp4netns ready (+ cgroup and /etc files), median of N sequential runs.

Run as the unprivileged user, inside its delegated cgroup subtree::

    bash scripts/as-user.sh poddtest .venv/bin/python bench/sandbox_start.py [-n 20] [--podman]

``--podman`` also times ``podman pod create`` + ``pod start`` (its infra
container: the equivalent of a sandbox) in the same run, for a ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podd.sandbox import SandboxEnv, SandboxSpec, create_sandbox, destroy_sandbox
from podd.sandbox.cgroups import discover
from podd.sandbox.pause import start_pause, stop
from podd.sandbox.userns import write_id_maps

PR_SET_CHILD_SUBREAPER = 36


def summary(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {
        "median_ms": round(statistics.median(ms), 2),
        "min_ms": round(ms[0], 2),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 2),
        "max_ms": round(ms[-1], 2),
    }


async def bench_podd(env: SandboxEnv, runs: int) -> dict[str, dict[str, float]]:
    create: list[float] = []
    destroy: list[float] = []
    pause_only: list[float] = []
    for i in range(runs):
        spec = SandboxSpec(uid=f"bench-{i}-{uuid.uuid4().hex[:8]}", name=f"bench-{i}")
        t0 = time.perf_counter()
        state = await create_sandbox(spec, env)
        t1 = time.perf_counter()
        await destroy_sandbox(state, env)
        t2 = time.perf_counter()
        create.append(t1 - t0)
        destroy.append(t2 - t1)

    async def maps(pid: int) -> None:
        await write_id_maps(pid, env.id_mapping, env.id_tools)

    for _ in range(runs):
        t0 = time.perf_counter()
        handle = await start_pause(env.pause, hostname="bench", on_userns=maps)
        pause_only.append(time.perf_counter() - t0)
        await stop(handle)
    return {
        "sandbox_create": summary(create),
        "pause_and_maps": summary(pause_only),
        "sandbox_destroy": summary(destroy),
    }


def bench_podman(runs: int) -> dict[str, float] | None:
    podman = shutil.which("podman")
    if podman is None:
        return None
    base = [podman, "--runtime", "runc", "--log-level", "error"]
    pause_pid = Path(os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "libpod", "tmp", "pause.pid")
    had_pause = _alive(pause_pid)
    samples = []
    for i in range(runs):
        name = f"podd-bench-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        subprocess.run([*base, "pod", "create", "--name", name], check=True, capture_output=True)
        subprocess.run([*base, "pod", "start", name], check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
        subprocess.run([*base, "pod", "rm", "-f", "-t", "0", name], check=True, capture_output=True)
    if not had_pause and _alive(pause_pid):  # podman's own userns holder, started by us
        os.kill(int(pause_pid.read_text()), signal.SIGTERM)
    return summary(samples)


def _alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text()), 0)
    except (OSError, ValueError):
        return False
    return True


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=20)
    parser.add_argument("--podman", action="store_true", help="also time podman pod create+start")
    args = parser.parse_args()
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # as the service does

    found = discover()
    cgroup_root = None
    if found.root is not None:
        cgroup_root = Path(found.root) / f"podd-bench-{os.getpid()}"
        cgroup_root.mkdir()
    base = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
    runtime = Path(tempfile.mkdtemp(prefix="podd-bench-", dir=base))
    try:
        env = SandboxEnv.discover(runtime, cgroup_root=cgroup_root)
        result: dict[str, object] = {"runs": args.runs, "cgroup": found.info.mode.value}
        result.update(await bench_podd(env, args.runs))
        if args.podman:
            podman = bench_podman(args.runs)
            result["podman_pod_create_start"] = podman
            if podman:
                podd_ms = result["sandbox_create"]["median_ms"]  # type: ignore[index]
                result["podman_over_podd"] = round(podman["median_ms"] / podd_ms, 1)
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
        if cgroup_root is not None:
            for dirpath, _, _ in os.walk(cgroup_root, topdown=False):
                os.rmdir(dirpath)


if __name__ == "__main__":
    asyncio.run(main())
