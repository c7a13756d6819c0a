"""The checks of one pass (one runtime) against a live podd. Each records
PASS/FAIL/SKIP with what it saw; none raises for a missing feature (a
feature not landed reports FAIL). Limits that the host cannot enforce (a
hybrid host) are SKIPs: their pods would run unlimited (``tail /dev/zero``!),
so they are not started."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cgroupread as cg
from . import manifests as m
from .report import FAIL, PASS, SKIP, Report
from .server import PoddServer, condition, container_id, phase, terminated

GPU_NAME = "nvidia.com/gpu"


@dataclass
class Context:
    runtime: str
    gpu: bool  # the host has a GPU (and --no-gpu was not given)
    pids_limit: int | None  # what podd was started with (None: podd has no such flag)
    unified_expected: bool  # the host is cgroup v2 unified: limits must be enforced
    cgroup_root: str = ""
    controllers: list[str] = field(default_factory=list)
    mode: str = ""

    def enforceable(self, *controllers: str) -> str | None:
        """None, or why a limit cannot be shown here."""
        missing = [c for c in controllers if c not in self.controllers]
        if not self.cgroup_root:
            return "podd has no delegated cgroup"
        if missing:
            return f"controller(s) {', '.join(missing)} not delegated (cgroup mode {self.mode})"
        return None


def indent(text: str, prefix: str = "    | ") -> str:
    return "\n".join(prefix + line for line in text.rstrip().splitlines())


def limit_unavailable(rep: Report, ctx: Context, name: str, *controllers: str) -> bool:
    """Records SKIP (hybrid host) or FAIL (unified host) when ``controllers``
    are missing; True when the check cannot run."""
    why = ctx.enforceable(*controllers)
    if why is None:
        return False
    if ctx.unified_expected:
        rep.add(name, FAIL, why)
    else:
        rep.add(name, SKIP, f"not enforceable on this host: {why}")
    return True


# -- 1. /podd/v1/info ---------------------------------------------------------
def info(srv: PoddServer, rep: Report, ctx: Context) -> dict[str, Any]:
    data: dict[str, Any] = srv.c.get("/podd/v1/info").json()
    cgroup = data.get("host", {}).get("cgroup", {})
    ctx.mode = cgroup.get("info", {}).get("mode", "?")
    ctx.cgroup_root = data.get("sandbox", {}).get("cgroupRoot") or ""
    ctx.controllers = list(cgroup.get("controllers") or [])
    detail = f"mode {ctx.mode}, root {ctx.cgroup_root or '-'}, controllers {ctx.controllers}"
    if reason := cgroup.get("reason") or data.get("sandbox", {}).get("cgroupReason"):
        detail += f", reason: {reason}"
    if ctx.unified_expected:
        wanted = {"cpu", "memory", "pids"}
        ok = ctx.mode == "unified" and wanted <= set(ctx.controllers)
        rep.check("info: cgroup v2 unified, cpu memory pids delegated", ok, detail)
    else:
        rep.add("info: cgroup", PASS, detail + " (not unified: limits not enforceable here)")
    containers = data.get("sandbox", {}).get("containers") or {}
    rt = containers.get("runtime") or {}
    why = data.get("sandbox", {}).get("containersUnavailable")
    detail = f"{rt.get('name')} at {rt.get('path')} ({rt.get('version')}): {rt.get('reason')}"
    if rt.get("name") != ctx.runtime:
        detail = f"wanted {ctx.runtime}, got {rt.get('name')}: {why or detail}"
    if rt.get("name") != ctx.runtime and not ctx.unified_expected:
        rep.add(f"info: runtime {ctx.runtime}", SKIP, f"not usable on this host: {detail}")
    else:
        rep.check(f"info: runtime {ctx.runtime}", rt.get("name") == ctx.runtime, detail)
    doctor = data.get("doctor") or {}
    bad = [f for f in doctor.get("findings", []) if not f.get("ok")]
    notes = "; ".join(f"{f['name']} ({f['severity']}): {f['detail']}" for f in bad)
    rep.check("info: podd doctor ok", bool(doctor.get("ok")), notes or "every finding ok")
    devices = data.get("devices")
    if devices is None:
        print("    devices: not in /podd/v1/info")
    else:
        print(indent(cdi_summary(devices), "    "))
    return data


def cdi_summary(devices: dict[str, Any]) -> str:
    cdi = devices.get("cdi") or {}
    lines = [
        f"extended resources: capacity {devices.get('capacity')}, "
        f"allocatable {devices.get('allocatable')}, allocated {devices.get('allocated')}",
        f"CDI spec dirs: {cdi.get('specDirs')}",
    ]
    for kind, about in sorted((cdi.get("kinds") or {}).items()):
        lines.append(f"CDI kind {kind}: {json.dumps(about)[:1500]}")
    for key, value in sorted(cdi.items()):
        if key not in ("specDirs", "kinds"):
            lines.append(f"CDI {key}: {json.dumps(value)[:1500]}")
    return "\n".join(lines)


# -- 2, 3. GPUs -------------------------------------------------------------------
def _gpu_done(srv: PoddServer, name: str, timeout: float) -> tuple[dict[str, Any] | None, str]:
    deadline = time.monotonic() + timeout
    pod, logs = None, ""
    while time.monotonic() < deadline:
        pod = srv.get(name)
        if pod is not None and phase(pod) in ("Running", "Succeeded", "Failed"):
            logs = srv.logs(name)
            if m.GPU_DONE in logs or phase(pod) != "Running":
                return pod, logs
        time.sleep(0.5)
    return pod, logs


def _gpu_logs_ok(logs: str) -> tuple[bool, str]:
    listed = [line for line in logs.splitlines() if line.startswith("GPU ")]
    named = [line for line in logs.splitlines() if line.startswith("CUDACHECK OK")]
    ok = bool(listed) and "nvidia-smi-exit=0" in logs and bool(named) and "cudacheck-exit=0" in logs
    return ok, f"nvidia-smi -L: {listed or 'nothing'}; cudacheck: {named or 'failed'}"


def host_gpus() -> str:
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return "(no nvidia-smi on the host's PATH)"
    done = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=30, check=False)
    return (done.stdout or done.stderr).strip()


def gpu(srv: PoddServer, rep: Report, ctx: Context, data: dict[str, Any]) -> None:
    capacity = (data.get("devices") or {}).get("capacity") or {}
    if not ctx.gpu:
        rep.add("gpu: capacity", SKIP, f"no GPU on this host; capacity {capacity}")
        no_gpu_pending(srv, rep)
        for name in (
            "gpu: nvidia-smi -L and cudacheck in a pod",
            "gpu: second pod waits",
            "gpu: the cdi.k8s.io annotation form",
        ):
            rep.add(name, SKIP, "no GPU on this host")
        return
    rep.check(f"gpu: {GPU_NAME} capacity", capacity.get(GPU_NAME, 0) >= 1, f"{capacity}")
    print(indent(f"host nvidia-smi -L:\n{host_gpus()}", "    "))
    srv.create(m.gpu_pod("gpu-a", 300))
    pod, logs = _gpu_done(srv, "gpu-a", 120)
    print(indent(f"gpu-a logs:\n{logs or '(none)'}"))
    ok, detail = _gpu_logs_ok(logs)
    if pod is None or phase(pod) != "Running":
        ok, detail = False, f"phase {phase(pod) if pod else 'gone'}, {detail}; {_why(pod)}"
    rep.check("gpu: nvidia-smi -L and cudacheck in a pod", ok, detail)
    srv.create(m.gpu_pod("gpu-b", 5))
    pending = srv.wait(
        "gpu-b",
        lambda p: "Insufficient nvidia.com/gpu" in str(condition(p, "PodScheduled") or {}),
        30,
    )
    got = pending or srv.get("gpu-b")
    cond = condition(got, "PodScheduled") if got else None
    sched = cond or {}
    ok = pending is not None and phase(pending) == "Pending"
    ok = ok and sched.get("status") == "False" and sched.get("reason") == "Unschedulable"
    seen = f"phase {phase(got) if got else '-'}, PodScheduled {json.dumps(cond)}"
    rep.check("gpu: second pod Pending (Insufficient nvidia.com/gpu)", ok, seen)
    srv.delete("gpu-a")
    pod, logs = _gpu_done(srv, "gpu-b", 120)
    print(indent(f"gpu-b logs:\n{logs or '(none)'}"))
    ok, detail = _gpu_logs_ok(logs)
    rep.check("gpu: second pod runs once the first is deleted", ok, detail)
    srv.delete("gpu-b")
    srv.create(m.gpu_annotated_pod("gpu-ann"))
    pod, logs = _gpu_done(srv, "gpu-ann", 120)
    print(indent(f"gpu-ann logs:\n{logs or '(none)'}"))
    ok, detail = _gpu_logs_ok(logs)
    rep.check(f"gpu: annotation cdi.k8s.io/check: {m.GPU}=all", ok, detail)
    srv.delete("gpu-ann")


def no_gpu_pending(srv: PoddServer, rep: Report) -> None:
    """Without a GPU, a pod that asks for one stays Pending, as the scheduler says."""
    srv.create(m.gpu_pod("gpu-none", 5))
    want = "Insufficient nvidia.com/gpu"
    pod = srv.wait("gpu-none", lambda p: want in str(condition(p, "PodScheduled")), 20)
    got = pod or srv.get("gpu-none")
    cond = condition(got, "PodScheduled") if got else None
    reason = (cond or {}).get("reason")
    ok = pod is not None and phase(pod) == "Pending" and reason == "Unschedulable"
    detail = f"phase {phase(got) if got else '-'}, PodScheduled {json.dumps(cond)}"
    rep.check("gpu: a pod asking for nvidia.com/gpu: 1 here stays Pending", ok, detail)
    srv.delete("gpu-none")


def _why(pod: dict[str, Any] | None) -> str:
    if pod is None:
        return "pod gone"
    statuses = pod.get("status", {}).get("containerStatuses") or []
    return json.dumps([s.get("state") for s in statuses])[:600]


# -- 4. OOM -------------------------------------------------------------------------
def oom(srv: PoddServer, rep: Report, ctx: Context) -> None:
    name = "oom: memory 64Mi, tail /dev/zero -> OOMKilled 137"
    if limit_unavailable(rep, ctx, name, "memory"):
        return
    srv.create(m.oom_pod("oom"))
    started = time.monotonic()
    pod = srv.wait("oom", lambda p: terminated(p) is not None, 90)
    term = terminated(pod) if pod else None
    took = time.monotonic() - started
    ok = term is not None and term.get("reason") == "OOMKilled" and term.get("exitCode") == 137
    detail = f"terminated {json.dumps(term)} {took:.1f}s after POST" if term else _why(pod)
    rep.check(name, ok, detail)
    srv.delete("oom")


# -- 5. cpu ---------------------------------------------------------------------------
def cpu(srv: PoddServer, rep: Report, ctx: Context) -> None:
    name = "cpu: limit 200m busy loop uses ~0.2 core"
    if limit_unavailable(rep, ctx, name, "cpu"):
        return
    created = srv.create(m.cpu_pod("cpu"))
    pod = srv.wait("cpu", lambda p: phase(p) == "Running", 60)
    if pod is None:
        rep.add(name, FAIL, f"not Running: {_why(srv.get('cpu'))}")
        srv.delete("cpu")
        return
    path = cg.pod_dir(ctx.cgroup_root, created["metadata"]["uid"])
    time.sleep(1.0)
    before, t0 = cg.keyed(cg.read(path / "cpu.stat")).get("usage_usec", 0), time.monotonic()
    time.sleep(5.0)
    after, t1 = cg.keyed(cg.read(path / "cpu.stat")).get("usage_usec", 0), time.monotonic()
    used = cg.cores(before, after, t1 - t0)
    detail = f"{used:.3f} cores over {t1 - t0:.1f}s; {path}/cpu.max = {cg.read(path / 'cpu.max')}"
    rep.check(name, 0.15 <= used <= 0.25, detail)
    srv.delete("cpu")


# -- 6. pids ----------------------------------------------------------------------------
def pids(srv: PoddServer, rep: Report, ctx: Context) -> None:
    name = "pids: a fork bomb stops at the pod's pids limit"
    if limit_unavailable(rep, ctx, name, "pids"):
        return
    if ctx.pids_limit is None:
        rep.add(name, FAIL, "podd serve has no --pod-pids-limit")
        return
    created = srv.create(m.bomb_pod("bomb"))
    path = cg.pod_dir(ctx.cgroup_root, created["metadata"]["uid"])
    pod = srv.wait("bomb", lambda p: m.BOMB_DONE in srv.logs("bomb"), 90, interval=0.5)
    t0 = time.monotonic()
    ready = srv.c.get("/readyz", timeout=10).status_code
    listed = srv.c.get("/api/v1/pods", timeout=10).status_code
    answer = time.monotonic() - t0
    host = subprocess.run(["true"], timeout=10, check=False).returncode == 0
    pids_max = cg.read(path / "pids.max")
    current = int(cg.read(path / "pids.current") or 0)
    refused = cg.keyed(cg.read(path / "pids.events")).get("max", 0)
    detail = (
        f"pids.max {pids_max}, pids.current {current}, forks refused {refused}; podd answered "
        f"/readyz {ready} and pod list {listed} in {answer:.2f}s; "
        f"host fork {'ok' if host else 'FAILED'}"
    )
    ok = pod is not None and pids_max == str(ctx.pids_limit) and current <= ctx.pids_limit
    ok = ok and refused > 0 and ready == 200 and listed == 200 and answer < 5 and host
    rep.check(name, ok, detail)
    t0 = time.monotonic()
    gone = srv.delete("bomb", timeout=60)
    took = time.monotonic() - t0
    rep.check(
        "pids: the bombed pod is deleted cleanly",
        gone and not path.exists(),
        f"deleted in {took:.1f}s, pod cgroup {'left behind' if path.exists() else 'removed'}",
    )


# -- 7. QoS -------------------------------------------------------------------------------
POD_FILES = ("cpu.weight", "cpu.max", "memory.max", "memory.min", "memory.high", "pids.max")
LEAF_FILES = ("memory.oom.group", "memory.max", "memory.min", "memory.high", "cpu.weight")


def qos(srv: PoddServer, rep: Report, ctx: Context) -> None:
    if limit_unavailable(rep, ctx, "qos: cpu.weight and memory by QoS class", "cpu", "memory"):
        return
    uids = {}
    for qos_class in m.QOS_RESOURCES:
        name = f"qos-{qos_class.lower()}"
        uids[qos_class] = srv.create(m.qos_pod(name, qos_class))["metadata"]["uid"]
    for qos_class, uid in uids.items():
        name = f"qos-{qos_class.lower()}"
        pod = srv.wait(name, lambda p: phase(p) == "Running", 60)
        path = cg.pod_dir(ctx.cgroup_root, uid)
        files = cg.snapshot(path, POD_FILES)
        leaves = cg.container_leaves(path)
        leaf = cg.snapshot(leaves[0], LEAF_FILES) if leaves else {}
        print(f"    {name} pod {path}: {files}")
        print(f"    {name} container {leaves[0] if leaves else '-'}: {leaf}")
        problems = []
        if pod is None:
            problems.append(f"not Running: {_why(srv.get(name))}")
        elif (got := pod.get("status", {}).get("qosClass")) != qos_class:
            problems.append(f"status.qosClass {got}")
        weight = cg.kubelet_cpu_weight(m.QOS_CPU_REQUEST_MILLIS[qos_class])
        if files["cpu.weight"] != str(weight):
            problems.append(f"cpu.weight {files['cpu.weight']}, the kubelet's would be {weight}")
        limit = m.QOS_MEMORY_LIMIT[qos_class]
        if files["memory.max"] != (str(limit) if limit else "max"):
            problems.append(f"memory.max {files['memory.max']}, want {limit or 'max'}")
        if leaf.get("memory.oom.group") != "1":
            problems.append(f"container memory.oom.group {leaf.get('memory.oom.group')}")
        high = files["memory.high"]
        if high not in ("max", "-") and limit and int(high) > limit:
            problems.append(f"memory.high {high} above memory.max")
        detail = "; ".join(problems) or (
            f"cpu.weight {files['cpu.weight']}, memory.max {files['memory.max']}, memory.min "
            f"{files['memory.min']}, memory.high {files['memory.high']}, container "
            f"memory.oom.group {leaf.get('memory.oom.group')}"
        )
        rep.check(f"qos: {qos_class}", not problems, detail)
    for qos_class in uids:
        srv.delete(f"qos-{qos_class.lower()}")


# -- 8, 9. start time, containerID -------------------------------------------------------
def start_time(srv: PoddServer, rep: Report, ctx: Context, count: int = 10) -> None:
    times: list[float] = []
    ids: list[str] = []
    for i in range(count):
        name = f"start-{i}"
        t0 = time.monotonic()
        srv.create(m.sleeper(name))
        pod = srv.wait(name, lambda p: phase(p) == "Running", 60, interval=0.01)
        if pod is None:
            rep.add(f"start: POST -> Running x{count} ({ctx.runtime})", FAIL, _why(srv.get(name)))
            srv.delete(name)
            return
        times.append(time.monotonic() - t0)
        ids.append(container_id(pod))
        srv.delete(name)
    detail = (
        f"median {cg.median_ms(times):.0f} ms, min {min(times) * 1000:.0f} ms, max "
        f"{max(times) * 1000:.0f} ms (polled every 10 ms)"
    )
    rep.add(f"start: POST -> Running x{count} ({ctx.runtime})", PASS, detail)
    prefix = f"{ctx.runtime}://"
    wrong = [i for i in ids if not i.startswith(prefix)]
    rep.check(
        f"containerID prefix {prefix}",
        not wrong,
        f"{ids[0][:24]}..." if not wrong else f"got {sorted({i.split('://')[0] for i in wrong})}",
    )


# -- 10. cleanup (podd's part; the root side checks processes and cgroups) -------------
def cleanup(srv: PoddServer, rep: Report, ctx: Context) -> None:
    left = srv.delete_all()
    rep.check("cleanup: every pod deleted", not left, f"left: {left}" if left else "none left")
    pods_dir = Path(ctx.cgroup_root) / "podd" / "pods" if ctx.cgroup_root else None
    if pods_dir is not None and pods_dir.is_dir():
        stale = sorted(p.name for p in pods_dir.iterdir() if p.is_dir())
        seen = f"{stale}" if stale else f"{pods_dir} empty"
        rep.check("cleanup: no pod cgroup left", not stale, seen)
