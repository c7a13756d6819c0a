"""Where a SIGKILL landed, told from what the dead podd left (its store, the
host census taken right after the kill, the calls in flight and the last
plans in its debug log). Each kill gives a set of kill points such as
``sandbox: pause up, no slirp4netns`` or ``container: intent, conmon
running, no handle``; the test counts the distinct ones it covered."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.integration.crash.census import Census, PodHost
from tests.integration.crash.workload import Op, PodModel


@dataclass(frozen=True)
class StoredPod:
    name: str
    uid: str
    deleting: bool
    spec: dict[str, Any]


def read_store(db: Path) -> dict[str, StoredPod]:
    """The pods in a dead podd's SQLite store (read-only), by uid."""
    out: dict[str, StoredPod] = {}
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return out
    try:
        rows = con.execute("SELECT uid, data FROM objects WHERE kind = 'Pod'").fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        con.close()
    for uid, data in rows:
        obj = json.loads(data)
        meta = obj.get("metadata", {})
        out[uid] = StoredPod(
            meta.get("name", "?"), uid, bool(meta.get("deletionTimestamp")), obj.get("spec", {})
        )
    return out


_SYNC = re.compile(r"msg=sync pod=\S+/(\S+) actions=\"?PodActions\((.*?)\)\"?$")
_ACTION = re.compile(r"(kill_sandbox|create_sandbox|start|kill|remove_pod|restore_network)=")


def last_plans(log_text: str) -> dict[str, str]:
    """Per pod name, the kinds of action of the last sync podd logged."""
    out: dict[str, str] = {}
    for line in log_text.splitlines():
        m = _SYNC.search(line)
        if m:
            kinds = sorted(set(_ACTION.findall(m.group(2))) - {"requeue_after"})
            if kinds:
                out[m.group(1)] = "+".join(kinds)
    return out


def _sandbox_points(host: PodHost) -> list[str]:
    sb = host.sandbox
    if sb is None:
        return []
    if not sb.has_state:
        pause, slirp = host.infra("podd-pause"), host.infra("slirp4netns")
        if slirp:
            return ["sandbox: slirp4netns up, no state file"]
        if pause:
            return ["sandbox: pause up, no slirp4netns"]
        if host.cgroup:
            return ["sandbox: cgroup made, no pause"]
        return ["sandbox: runtime dir only"]
    return []


def left_runtime_init(handle: dict[str, Any]) -> bool:
    """The container's first process runs its command: ``<runtime> start``
    went through (a created one still waits as ``runc init``)."""
    init = handle.get("init")
    if not isinstance(init, dict):
        return False
    try:
        argv = Path(f"/proc/{init.get('pid')}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return argv[1:2] != [b"init"]


def _container_points(host: PodHost, stored: StoredPod | None) -> list[str]:
    points: list[str] = []
    if host.sandbox is None:
        return points
    live = {c.cid for c in host.conmons}
    latest: dict[str, tuple[str, bool]] = {}  # name → (created_at, live) of the newest handle
    for b in host.sandbox.bundles.values():
        if b.handle is None and not b.has_intent:
            points.append("container: bundle only, no intent")
        elif b.handle is None:
            points.append(
                "container: intent, conmon running, no handle"
                if b.cid in live
                else "container: intent, no conmon"
            )
        elif not b.started and b.cid in live and left_runtime_init(b.handle):
            points.append("container: started, start not recorded")
        elif not b.started:
            points.append(
                "container: created, not started"
                if b.cid in live
                else "container: handle without started_at, conmon gone"
            )
        elif b.name:
            created = str(b.handle.get("created_at", ""))
            if b.name not in latest or created > latest[b.name][0]:
                latest[b.name] = (created, b.cid in live)
    deleting = stored is not None and stored.deleting
    if not deleting and stored is not None:
        names = [c.get("name") for c in stored.spec.get("containers", [])]
        for name in names:
            if name not in latest and not any(
                b.name == name for b in host.sandbox.bundles.values()
            ):
                points.append("container: not made yet (sandbox ready)")
        for name, (_, alive) in latest.items():
            if not alive and name in names:
                points.append("container: exited, next run not made yet")
        points += _debug_points(host, stored)
    return points


def _debug_points(host: PodHost, stored: StoredPod) -> list[str]:
    """Where the kill found each ephemeral container of the stored spec."""
    assert host.sandbox is not None
    live = {c.cid for c in host.conmons}
    points = []
    for c in stored.spec.get("ephemeralContainers") or []:
        made = [b for b in host.sandbox.bundles.values() if b.name == c.get("name")]
        if not made:
            points.append("debug: ephemeral container stored, not made yet")
        elif not any(b.started for b in made):
            points.append("debug: ephemeral container being made")
        elif any(b.started and b.cid in live for b in made):
            points.append("debug: ephemeral container running")
    return points


def _delete_points(host: PodHost) -> list[str]:
    sb = host.sandbox
    if host.conmons:
        return ["delete: containers still running"]
    if sb is not None and sb.has_state:
        if host.infra("podd-pause"):
            return ["delete: containers stopped, sandbox up"]
        return ["delete: pause stopped, runtime dir left"]
    if sb is not None:
        return ["delete: runtime dir half removed (no sandbox.json)"]
    if host.procs() or host.cgroup:
        return ["delete: runtime dir gone, cgroup or processes left"]
    return ["delete: sandbox gone, pod still stored"]


def kill_points(
    census: Census,
    stored: dict[str, StoredPod],
    models: dict[str, PodModel],
    ops: list[Op],
    plans: dict[str, str],
) -> tuple[set[str], list[str]]:
    """(kill points, details lines) of one kill."""
    points: set[str] = set()
    details: list[str] = []
    patched = {op.pod for op in ops if op.what == "patch" and op.sent_at is not None}
    for op in ops:
        if op.outcome.startswith("in flight"):
            points.add(f"api: {op.what} in flight")
    for uid, host in sorted(census.pods.items()):
        pod = stored.get(uid)
        name = pod.name if pod else next((m.name for m in models.values() if m.uid == uid), uid)
        found: list[str] = []
        if pod is None:
            if not host.empty():
                found.append("delete: pod gone from the store, host objects left")
        elif pod.deleting:
            found += _delete_points(host)
        else:
            found += _sandbox_points(host)
            found += _container_points(host, pod)
            if name in patched:
                model = models.get(name)
                old = model.settled.get("main") if model else None
                if old and any(c.cid == old[0] for c in host.conmons):
                    found.append("patch: old instance still running")
                elif old:
                    found.append("patch: old instance gone")
        if plans.get(name):
            details.append(f"    {name}: last planned {plans[name]}")
        for f in found:
            details.append(f"    {name}: {f}")
        points.update(found)
    for uid, pod in stored.items():
        if uid not in census.pods and not pod.deleting:
            points.add("pod stored, nothing on the host yet")
            details.append(f"    {pod.name}: stored, nothing on the host yet")
    return points, details
