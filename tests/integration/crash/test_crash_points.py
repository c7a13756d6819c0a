"""Crash points (issue 10): SIGKILL podd at random moments of a batch of pod
operations, restart it on the same dirs and cgroup, and check that it
converges without ever running a second instance of anything and without
leaving anything behind.

Each round (seed printed) sends in parallel: creates of 4-6 pods (one or two
containers, an init container, long-running or restarting), deletes of
older pods (and sometimes of one being created), a PATCH of an image; kills
podd 0.05-1.5 s in (and, one round in three, again while it recovers);
records where the kill landed (see ``killpoints.py``); restarts podd; waits
up to ``SETTLE`` seconds for the invariants of ``invariants.py``. The test
fails with every violation seen, by round and seed.

``PODD_CRASH_SEED=<base>`` replays a run's operations and kill times;
``PODD_CRASH_ROUNDS`` and ``PODD_CRASH_BUDGET`` (seconds) bound it.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.crash import census
from tests.integration.crash.invariants import (
    ONE_INSTANCE,
    Context,
    Violation,
    check,
    device_checks,
    duplicates,
    unsettled,
)
from tests.integration.crash.killpoints import kill_points, last_plans, read_store
from tests.integration.crash.workload import FAKE_GPU, KINDS, LONG, Op, PodModel, pod_spec, run_ops
from tests.podd_process import START_TIMEOUT, PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

ROUNDS = int(os.environ.get("PODD_CRASH_ROUNDS", "24"))
BUDGET = float(os.environ.get("PODD_CRASH_BUDGET", "120"))  # s: no round starts after this
SETTLE = 30.0  # seconds for podd to converge after a restart
MAX_PODS = 9  # live pods at most (2 cores, runc's keyring quota)
PODS_ALL = "/api/v1/pods"


@dataclass
class Found:
    violation: Violation
    seed: int | str
    rounds: list[int] = field(default_factory=list)


@dataclass
class Run:
    podd: PoddProcess
    layout: census.Layout
    images: tuple[str, str]
    models: dict[str, PodModel] = field(default_factory=dict)
    found: dict[tuple[str, ...], Found] = field(default_factory=dict)
    points: Counter[str] = field(default_factory=Counter)
    kills: int = 0

    def record(self, violations: list[Violation], seed: int | str, rnd: int) -> list[Violation]:
        new = []
        for v in violations:
            if v.ident in self.found:
                self.found[v.ident].rounds.append(rnd)
            else:
                self.found[v.ident] = Found(v, seed, [rnd])
                new.append(v)
        return new


def plan_round(rnd: int, rng: random.Random, run: Run) -> list[Op]:
    image, other = run.images
    alive = [m for m in run.models.values() if m.created and not m.delete_sent]
    n_new = rng.randint(4, 6)
    n_del = min(len(alive), max(rng.randint(1, 3), len(alive) + n_new - MAX_PODS))
    doomed = rng.sample(alive, n_del)
    ops: list[Op] = []
    new: list[str] = []
    for i in range(n_new):
        kind = rng.choice(KINDS)
        body, model = pod_spec(f"c{rnd}-{kind}-{i}", kind, image, rng)
        run.models[model.name] = model
        new.append(model.name)
        ops.append(Op("create", model.name, rng.uniform(0.0, 0.3), body))
    for m in doomed:
        ops.append(Op("delete", m.name, rng.uniform(0.0, 0.6)))
    if rng.random() < 0.5:  # deleted while podd builds it
        pick = rng.choice(new)
        victim = next(op for op in ops if op.pod == pick)
        ops.append(Op("delete", pick, victim.delay + rng.uniform(0.15, 0.8)))
    patchable = [m for m in alive if m not in doomed and "main" in m.stable and "main" in m.settled]
    if patchable:
        m = rng.choice(patchable)
        to = other if m.settled["main"][1] == image else image
        body = {"spec": {"containers": [{"name": "main", "image": to}]}}
        ops.append(Op("patch", m.name, rng.uniform(0.0, 0.6), body))
    debuggable = [m for m in alive if m not in doomed and m.settled]
    if debuggable and rng.random() < 0.5:  # an ephemeral container, as kubectl debug adds one
        m = rng.choice(debuggable)
        dbg = {"name": f"dbg{rnd}", "image": image, "command": LONG}
        body = {"spec": {"ephemeralContainers": [dbg]}}
        ops.append(Op("debug", m.name, rng.uniform(0.0, 0.6), body))
    return sorted(ops, key=lambda op: op.delay)


def after_ops(run: Run, ops: list[Op]) -> None:
    for op in ops:
        m = run.models[op.pod]
        if op.what == "create" and op.outcome.startswith("ok"):
            m.created = True
            m.uid = (op.response or {}).get("metadata", {}).get("uid")
        elif op.what == "delete" and op.sent_at is not None:
            m.delete_sent = True
            m.delete_acked = m.delete_acked or op.outcome.startswith("ok")


def pods(c: httpx.Client) -> list[dict[str, Any]]:
    r = c.get(PODS_ALL)
    r.raise_for_status()
    return list(r.json()["items"])


def remember(run: Run, items: list[dict[str, Any]], snap: census.Census) -> None:
    """What a check saw becomes what the next round's checks compare with."""
    names = set()
    for pod in items:
        meta = pod["metadata"]
        names.add(meta["name"])
        m = run.models.get(meta["name"])
        if m is None:
            continue
        m.uid, m.created = meta["uid"], True
        if not meta.get("deletionTimestamp") and m.delete_sent and not m.delete_acked:
            m.delete_sent = False  # the kill cut the delete before it was stored
        statuses = {s["name"]: s for s in pod.get("status", {}).get("containerStatuses") or []}
        live = snap.pod(meta["uid"]).instances()
        for c in pod["spec"]["containers"]:
            s = statuses.get(c["name"], {})
            m.restarts[c["name"]] = max(m.restarts.get(c["name"], 0), s.get("restartCount") or 0)
            cid = str(s.get("containerID") or "").split("://")[-1]
            one = live.get(c["name"], {})
            if s.get("state", {}).get("running") and list(one) == [cid[:12]]:
                m.settled[c["name"]] = (cid, c["image"])
            else:
                m.settled.pop(c["name"], None)
        ephemeral = pod.get("status", {}).get("ephemeralContainerStatuses") or []
        for s in ephemeral:  # the first run seen is the only one there may ever be
            cid = str(s.get("containerID") or "").split("://")[-1]
            if cid and s["name"] not in m.settled:
                m.settled[s["name"]] = (cid, "")
    for m in run.models.values():
        if m.name not in names and (m.delete_sent or not m.created):
            m.gone = True


def summary(items: list[dict[str, Any]], snap: census.Census) -> str:
    running = sum(1 for p in items if p.get("status", {}).get("phase") == "Running")
    ending = sum(1 for p in items if p["metadata"].get("deletionTimestamp"))
    live = sum(len(h.instances()) for h in snap.pods.values())
    return (
        f"{len(items)} pods stored ({running} Running, {ending} terminating), "
        f"{live} live container instances, {len(snap.pods)} pod uids on the host"
    )


def watch_start(run: Run) -> dict[tuple[str, ...], Violation]:
    """Start podd and, until it is ready, look for duplicates every 0.2 s:
    its recovery must not run a second instance of anything, not even for a
    moment (two snapshots in a row confirm one)."""
    run.podd.start(wait=False)
    proc = run.podd.proc
    assert proc is not None
    labels = {m.uid: m.name for m in run.models.values() if m.uid}
    prev: dict[tuple[str, ...], Violation] = {}
    confirmed: dict[tuple[str, ...], Violation] = {}
    deadline = time.monotonic() + START_TIMEOUT
    while not _ready(run.podd):
        if proc.poll() is not None:
            raise RuntimeError(f"podd exited with {proc.returncode}:\n{run.podd.log()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"podd not ready after {START_TIMEOUT}s:\n{run.podd.log()}")
        now = {v.ident: v for v in duplicates(census.take(run.layout, [proc.pid]), labels)}
        confirmed |= {k: v for k, v in now.items() if k in prev}
        prev = now
        time.sleep(0.2)
    return confirmed


def settle(
    run: Run,
    ctx: Context,
    early: dict[tuple[str, ...], Violation] | None = None,
    timeout: float = SETTLE,
) -> tuple[list[Violation], float, str]:
    """Poll until every invariant holds (those already reported and still
    there excepted); at the deadline, what two snapshots in a row confirm.
    Duplicates confirmed by two snapshots count even if they go away."""
    t0 = time.monotonic()
    prev: dict[tuple[str, ...], Violation] = {}
    confirmed: dict[tuple[str, ...], Violation] = dict(early or {})
    with run.podd.client(timeout=10) as c:
        while True:
            items = pods(c)
            assert run.podd.proc is not None
            snap = census.take(run.layout, exclude=[run.podd.proc.pid])
            held = read_devices(run.podd.data_dir / "devices.json")
            now = {v.ident: v for v in check(items, snap, ctx) + device_checks(items, held, ctx)}
            for k, v in now.items():
                if v.invariant == ONE_INSTANCE and k in prev:
                    confirmed[k] = v
            pending = unsettled(items, snap, ctx)
            left = [v for v in [*now.values(), *pending] if v.ident not in run.found]
            if not left or time.monotonic() - t0 > timeout:
                remember(run, items, snap)
                took, seen = time.monotonic() - t0, summary(items, snap)
                if not left:
                    return list(confirmed.values()), took, seen
                final = {k: v for k, v in now.items() if k in prev} | confirmed
                return [*final.values(), *pending], took, seen
            prev = now
            time.sleep(0.3)


def read_devices(path: Path) -> dict[str, dict[str, list[str]]]:
    """podd's device checkpoint: pod uid -> container -> devices."""
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {uid: dict(held.get("containers", {})) for uid, held in raw.items()}


def _ready(podd: PoddProcess) -> bool:
    try:
        with podd.client(timeout=0.5) as c:
            return c.get("/readyz").status_code == 200
    except httpx.HTTPError:
        return False


def kill_recovery(run: Run, after: float) -> None:
    """Start podd and SIGKILL it again ``after`` seconds later, while it
    re-adopts and cleans up what the first kill left."""
    run.podd.start(wait=False)
    time.sleep(after)
    ready = _ready(run.podd)
    run.podd.kill()
    run.kills += 1
    snap = census.take(run.layout)
    points, details = kill_points(
        snap, read_store(run.podd.data_dir / "podd.db"), run.models, [], {}
    )
    points.add(f"recovery: podd killed {'after' if ready else 'before'} it was ready")
    run.points.update(points)
    print(f"  killed again {after:.2f}s into its restart: " + ", ".join(sorted(points)))
    print("\n".join(details))


def one_round(run: Run, rnd: int, seed: int) -> list[Violation]:
    rng = random.Random(seed)
    ops = plan_round(rnd, rng, run)
    kill_after = rng.uniform(0.05, 1.5)
    mark = run.podd.log_path.stat().st_size if run.podd.log_path.exists() else 0
    at_kill: dict[str, Any] = {}

    def on_kill() -> None:
        at_kill["census"] = census.take(run.layout)
        at_kill["store"] = read_store(run.podd.data_dir / "podd.db")

    run_ops(run.podd, ops, kill_after, on_kill)
    run.kills += 1
    after_ops(run, ops)
    with open(run.podd.log_path, "rb") as f:
        f.seek(mark)
        plans = last_plans(f.read().decode(errors="replace"))
    points, details = kill_points(at_kill["census"], at_kill["store"], run.models, ops, plans)
    run.points.update(points)
    print(f"\n--- round {rnd} seed {seed}: kill at {kill_after:.2f}s; ops:")
    for op in ops:
        print(f"    {op.label()}")
    print("  kill points: " + (", ".join(sorted(points)) or "(none on the host)"))
    print("\n".join(details))
    touched = {op.pod for op in ops if op.what in ("patch", "delete") and op.sent_at is not None}
    ctx = Context(run.models, 0, at_kill["census"], frozenset(touched))
    t0 = time.monotonic()
    if rng.random() < 0.3:  # killed again while it recovers
        kill_recovery(run, rng.uniform(0.2, 2.5))
    try:
        early = watch_start(run)
    except RuntimeError as exc:
        text = str(exc)
        return [Violation("0 podd restarts", ("start",), f"podd did not come back: {text[-1500:]}")]
    assert run.podd.proc is not None
    ctx.podd_pid = run.podd.proc.pid
    found, took, seen = settle(run, ctx, early)
    print(f"  restarted and checked in {time.monotonic() - t0:.1f}s (settle {took:.1f}s): {seen}")
    return found


def final_cleanup(run: Run) -> list[Violation]:
    """Delete everything; then nothing of any pod may be left."""
    with run.podd.client(timeout=30) as c:
        for pod in pods(c):
            c.delete(
                f"/api/v1/namespaces/{pod['metadata']['namespace']}/pods/{pod['metadata']['name']}"
            )
        for m in run.models.values():
            m.delete_sent = True
    assert run.podd.proc is not None
    ctx = Context(run.models, run.podd.proc.pid)
    found, took, seen = settle(run, ctx, timeout=60.0)
    print(f"\nfinal: everything deleted and checked in {took:.1f}s: {seen}")
    return found


def test_crash_points(podd: PoddProcess, registry: Registry) -> None:
    if podd.cgroup_root is None:
        pytest.skip("no writable cgroup v2 subtree: instances cannot be counted by cgroup")
    base = int(os.environ.get("PODD_CRASH_SEED") or random.SystemRandom().randrange(1 << 31))
    print(f"\ncrash points: base seed {base} (PODD_CRASH_SEED={base} replays the run)")
    t0 = time.monotonic()
    run = Run(
        podd,
        census.Layout(podd.runtime_dir, podd.data_dir, podd.cgroup_root),
        (f"{registry.host}/library/busybox:1.36", f"{registry.host}/podd/multilayer:v1"),
    )
    rounds = 0
    for rnd in range(ROUNDS):
        if time.monotonic() - t0 > BUDGET:
            print(f"time budget spent after {rnd} rounds")
            break
        seed = base + rnd
        new = run.record(one_round(run, rnd, seed), seed, rnd)
        rounds += 1
        for v in new:
            print(f"  VIOLATION [{v.invariant}] {v.text}")
        if any(v.invariant.startswith("0") for v in new):
            break
    if podd.proc is not None and podd.proc.poll() is None:
        new = run.record(final_cleanup(run), "final", rounds)
        for v in new:
            print(f"  VIOLATION at the end [{v.invariant}] {v.text}")
    took = time.monotonic() - t0
    print(f"\ncrash points: {run.kills} kills in {rounds} rounds, {took:.0f}s, base seed {base}")
    print(f"distinct kill points covered: {len(run.points)}")
    with_device = sum(1 for m in run.models.values() if m.devices)
    print(f"pods holding a {FAKE_GPU} device: {with_device} of {len(run.models)}")
    for point, n in sorted(run.points.items()):
        print(f"    {n:3d}  {point}")
    print(f"invariant violations: {len(run.found)}")
    if run.found:
        lines = [f"{len(run.found)} crash invariant violations (base seed {base}):"]
        for f in run.found.values():
            v = f.violation
            where = f"seed {f.seed}" + (
                f", still there in rounds {f.rounds[1:]}" if len(f.rounds) > 1 else ""
            )
            lines.append(f"- [{v.invariant}] ({where}) {v.text}")
        pytest.fail("\n".join(lines), pytrace=False)
