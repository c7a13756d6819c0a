"""The four crash invariants, checked against the API and a host census.

1. every stored pod converges: Running, each container of its spec in the
   state it should be in (long-running ones running as the single live
   instance the status names, from the image the spec names; init
   containers done), restart counts never going back, and a container that
   was running when podd was killed still the same instance afterwards;
   an ephemeral container (all long-running here) runs as the single live
   instance its status names, the first one ever seen: never started again;
2. at most one live instance per (pod, container) — conmons and populated
   cgroup leaves — one pause and one slirp4netns per pod (none on the pod
   network: one holder and one slirp4netns for all), one rootfs mount
   per mount point;
3. nothing of a pod that is not stored (processes, cgroup, runtime dir,
   storage, volumes, logs, mounts), and nothing that outlived a killed podd
   in its daemon cgroup;
4. a deleted pod is gone.

A :class:`Violation` has a stable key (what and where) so that two
snapshots can confirm it, and a text that says exactly what was seen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from tests.integration.crash.census import Census, PodHost
from tests.integration.crash.workload import PodModel

KEEPS_RUNNING = "1 converges"
ONE_INSTANCE = "2 one instance"
NO_ORPHANS = "3 nothing unstored"
DELETED_GONE = "4 deleted pods go"


@dataclass(frozen=True)
class Violation:
    invariant: str
    key: tuple[str, ...]
    text: str

    @property
    def ident(self) -> tuple[str, ...]:
        return (self.invariant, *self.key)


def _status(pod: dict[str, Any], name: str, field: str = "containerStatuses") -> dict[str, Any]:
    for s in pod.get("status", {}).get(field) or []:
        if s.get("name") == name:
            return dict(s)
    return {}


def _state(s: dict[str, Any]) -> str:
    st = s.get("state") or {}
    for k in ("running", "waiting", "terminated"):
        if k in st:
            extra = st[k].get("reason") or ""
            code = st[k].get("exitCode")
            return f"{k}{f' {extra}' if extra else ''}{f' exit {code}' if code is not None else ''}"
    return "no state"


def _cid(s: dict[str, Any]) -> str:
    return str(s.get("containerID") or "").split("://")[-1]


def _instances_text(found: dict[str, list[str]]) -> str:
    return "; ".join(f"{i}: {', '.join(w)}" for i, w in sorted(found.items())) or "none"


@dataclass
class Context:
    """What a check needs besides the API and the census."""

    models: dict[str, PodModel]  # by name
    podd_pid: int
    kill_census: Census | None = None  # right after this round's kill
    touched: frozenset[str] = frozenset()  # pods patched or deleted this round (even maybe)
    pod_network: bool = True  # pods on podd's pod network: no slirp4netns of their own


def _pod_checks(
    pod: dict[str, Any], host: PodHost, model: PodModel | None, ctx: Context
) -> list[Violation]:
    meta, spec = pod["metadata"], pod["spec"]
    name, out = meta["name"], []
    phase = pod.get("status", {}).get("phase")
    inst = host.instances()

    def v(inv: str, what: str, text: str, *key: str) -> None:
        out.append(Violation(inv, (name, what, *key), f"pod {name} (uid {meta['uid']}): {text}"))

    pauses, slirps = host.infra("podd-pause"), host.infra("slirp4netns")
    bare = not pauses and not slirps and not inst  # nothing of it runs: one line says it all
    if phase != "Running" or bare:
        st = pod.get("status", {})
        why = "; ".join(
            f"{s['name']} {_state(s)}"
            for s in (st.get("initContainerStatuses") or []) + (st.get("containerStatuses") or [])
        )
        msg = st.get("message") or st.get("reason") or "no message"
        v(
            KEEPS_RUNNING,
            "phase",
            f"phase {phase}{', not Running' if phase != 'Running' else ''} ({msg[:240]}); "
            f"statuses: {why or 'none'}; on the host: {host.describe()}",
        )
    if bare:
        return out
    if not pauses or (not slirps and not ctx.pod_network):  # more than one: see duplicates()
        v(
            KEEPS_RUNNING,
            "sandbox",
            f"{len(pauses)} live pause and {len(slirps)} slirp4netns in its infra cgroup: "
            + ("; ".join(p.short() for p in pauses + slirps) or "none"),
        )
    names = {c["name"] for c in spec.get("containers", [])}
    init_names = {c["name"] for c in spec.get("initContainers") or []}
    for c in spec.get("containers", []):
        cname, s = c["name"], _status(pod, c["name"])
        live = inst.get(cname, {})
        count = s.get("restartCount")
        if model is not None and isinstance(count, int):
            seen = model.restarts.get(cname, 0)
            if count < seen:
                v(
                    KEEPS_RUNNING,
                    cname,
                    f"container {cname}: restartCount went back from {seen} to {count}",
                    "restartCount",
                )
        if model is not None and cname in model.flapping:
            continue
        problems = []
        if not s.get("state", {}).get("running"):
            problems.append(f"status {_state(s) if s else 'missing'}")
        if not live:
            problems.append("no live instance (no conmon, no populated cgroup leaf)")
        elif len(live) == 1 and s and _cid(s)[:12] not in live:
            problems.append(f"status names {_cid(s)[:12] or 'no id'}, live is {next(iter(live))}")
        if s and s.get("image") != c.get("image"):
            problems.append(f"status image {s.get('image')!r}, spec {c.get('image')!r}")
        if problems:
            v(KEEPS_RUNNING, cname, f"container {cname}: " + "; ".join(problems), "state")
        if model is not None and s:
            out.extend(_survival(name, meta["uid"], cname, c, s, model, ctx))
    for cname in init_names:
        s, live = _status(pod, cname, "initContainerStatuses"), inst.get(cname, {})
        done = (s.get("state") or {}).get("terminated") or {}
        if live or done.get("exitCode") != 0:
            v(
                KEEPS_RUNNING,
                cname,
                f"init container {cname}: status "
                f"{_state(s) if s else 'missing'}, live: {_instances_text(live)}",
                "init",
            )
    ephemeral = {c["name"] for c in spec.get("ephemeralContainers") or []}
    for cname in sorted(ephemeral):
        out.extend(_ephemeral_checks(name, meta["uid"], cname, pod, inst.get(cname, {}), model))
    for cname, live in inst.items():
        if cname not in names | init_names | ephemeral:
            v(
                ONE_INSTANCE,
                cname,
                f"a live container {cname!r} that its spec does not have: " + _instances_text(live),
                "unknown",
            )
    return out


def _ephemeral_checks(
    name: str,
    uid: str,
    cname: str,
    pod: dict[str, Any],
    live: dict[str, list[str]],
    model: PodModel | None,
) -> list[Violation]:
    """An ephemeral container runs once: its status, its one live instance
    and the first instance ever seen are the same, and it never restarts."""
    s = _status(pod, cname, "ephemeralContainerStatuses")
    problems = []
    if not s.get("state", {}).get("running"):
        problems.append(f"status {_state(s) if s else 'missing'}")
    if not live:
        problems.append("no live instance (no conmon, no populated cgroup leaf)")
    elif len(live) == 1 and s and _cid(s)[:12] not in live:
        problems.append(f"status names {_cid(s)[:12] or 'no id'}, live is {next(iter(live))}")
    if s.get("restartCount"):
        problems.append(f"restartCount {s.get('restartCount')}")
    first = model.settled.get(cname) if model is not None else None
    if first is not None and s and _cid(s) != first[0]:
        problems.append(f"started again: first ran as {first[0][:12]}, now {_cid(s)[:12]}")
    if not problems:
        return []
    text = f"pod {name} (uid {uid}): ephemeral container {cname}: " + "; ".join(problems)
    return [Violation(KEEPS_RUNNING, (name, cname, "ephemeral"), text)]


def duplicates(census: Census, labels: dict[str, str]) -> list[Violation]:
    """Invariant 2 on every pod on the host, stored or not, whatever its
    state (``labels``: pod uid → name): one live instance per container,
    one pause, one slirp4netns, one rootfs mount per mount point."""
    out: list[Violation] = []
    for uid, host in sorted(census.pods.items()):
        name = labels.get(uid, uid)

        def v(what: str, text: str, *key: str, name: str = name, uid: str = uid) -> None:
            out.append(
                Violation(ONE_INSTANCE, (name, what, *key), f"pod {name} (uid {uid}): {text}")
            )

        for cname, live in sorted(host.instances().items()):
            if len(live) > 1:
                v(
                    cname,
                    f"container {cname}: {len(live)} live instances: " + _instances_text(live),
                    "dup",
                )
        pauses, slirps = host.infra("podd-pause"), host.infra("slirp4netns")
        if len(pauses) > 1 or len(slirps) > 1:
            v(
                "sandbox",
                f"{len(pauses)} live pause and {len(slirps)} slirp4netns in its infra "
                "cgroup: " + "; ".join(p.short() for p in pauses + slirps),
            )
        for mp, n in Counter(host.pod_mounts).items():
            if n > 1:
                v("rootfs", f"{n} mounts stacked on {mp} in its mount namespace", mp)
    return out


def _survival(
    name: str,
    uid: str,
    cname: str,
    c: dict[str, Any],
    s: dict[str, Any],
    model: PodModel,
    ctx: Context,
) -> list[Violation]:
    """A container podd had no reason to touch keeps its instance; one whose
    image changed gets a new one."""
    before = model.settled.get(cname)
    if before is None or not s.get("state", {}).get("running"):
        return []
    old_cid, old_image = before
    now = _cid(s)
    if c.get("image") != old_image:
        if now == old_cid:
            return [
                Violation(
                    KEEPS_RUNNING,
                    (name, cname, "stale"),
                    f"pod {name} (uid {uid}): container {cname} still runs {old_cid[:12]} from "
                    f"{old_image!r} though its spec now names {c.get('image')!r}",
                )
            ]
        return []
    kill = ctx.kill_census
    alive_at_kill = kill is not None and any(x.cid == old_cid for x in kill.pod(uid).conmons)
    if name in ctx.touched or not alive_at_kill or now == old_cid:
        return []
    return [
        Violation(
            KEEPS_RUNNING,
            (name, cname, "restarted"),
            f"pod {name} (uid {uid}): container {cname} was running as {old_cid[:12]} when podd "
            f"was killed and nothing asked for a change; after the restart it is {now[:12]} "
            f"(restartCount {model.restarts.get(cname, 0)} → {s.get('restartCount')})",
        )
    ]


def check(pods: list[dict[str, Any]], census: Census, ctx: Context) -> list[Violation]:
    """Every invariant but the end-of-wait ones (see :func:`unsettled`)."""
    out: list[Violation] = []
    stored = {p["metadata"]["uid"] for p in pods}
    for pod in pods:
        if pod["metadata"].get("deletionTimestamp"):
            continue
        model = ctx.models.get(pod["metadata"]["name"])
        out += _pod_checks(pod, census.pod(pod["metadata"]["uid"]), model, ctx)
    by_uid = {m.uid: m.name for m in ctx.models.values() if m.uid}
    out += duplicates(census, by_uid)
    for uid, host in sorted(census.pods.items()):
        if uid not in stored and not host.empty():
            label = f"pod {by_uid[uid]} (uid {uid}, not stored)" if uid in by_uid else f"uid {uid}"
            out.append(
                Violation(NO_ORPHANS, (by_uid.get(uid, uid),), f"{label}: {host.describe()}")
            )
    for p in census.other:
        out.append(
            Violation(
                NO_ORPHANS,
                ("other", p.exe),
                f"a process of podd outside any pod's cgroup: {p.short()} (cgroup {p.cgroup})",
            )
        )
    out += _network_checks(pods, census)
    parents = {p.pid: p.ppid for p in census.daemon}
    for p in census.daemon:
        if not _descends(p.pid, parents, ctx.podd_pid):
            out.append(
                Violation(
                    NO_ORPHANS,
                    ("daemon", p.exe),
                    f"outlived a killed podd in podd's daemon cgroup: {p.short()}",
                )
            )
    return out


def _network_checks(pods: list[dict[str, Any]], census: Census) -> list[Violation]:
    """The pod network (``--network bridge``): one holder and one
    slirp4netns at most, no address or host port held for a pod that is not
    stored, no address given to two running pods."""
    out: list[Violation] = []
    for exe in ("podd-pause", "slirp4netns"):
        found = [p for p in census.network if p.exe == exe]
        if len(found) > 1:
            text = ", ".join(p.short() for p in found)
            out.append(Violation(ONE_INSTANCE, ("network", exe), f"pod network: {text}"))
    stored = {p["metadata"]["uid"] for p in pods}
    for ip, uid in sorted(census.ip_holders.items()):
        if uid not in stored and census.pod(uid).empty():
            out.append(
                Violation(NO_ORPHANS, ("ip", ip), f"pod network address {ip} held by gone {uid}")
            )
    for uid in sorted(set(census.forward_owners) - stored):
        if census.pod(uid).empty():
            out.append(Violation(NO_ORPHANS, ("hostport", uid), f"host ports kept for gone {uid}"))
    by_ip: dict[str, list[str]] = {}
    for pod in pods:
        st = pod.get("status", {})
        if st.get("podIP") and st.get("phase") == "Running":
            by_ip.setdefault(st["podIP"], []).append(pod["metadata"]["name"])
    for ip, names in sorted(by_ip.items()):
        if len(names) > 1 and not ip.startswith("10.0.2."):  # slirp: every pod has 10.0.2.100
            out.append(Violation(ONE_INSTANCE, ("podIP", ip), f"{ip} given to {sorted(names)}"))
    return out


def _descends(pid: int, parents: dict[int, int], ancestor: int) -> bool:
    for _ in range(32):
        parent = parents.get(pid)
        if parent == ancestor:
            return True
        if parent is None:
            return False
        pid = parent
    return False


def unsettled(pods: list[dict[str, Any]], census: Census, ctx: Context) -> list[Violation]:
    """What must be true once the wait is over: deletions done, every pod we
    created (and did not delete) still stored."""
    out: list[Violation] = []
    names = {p["metadata"]["name"] for p in pods}
    for pod in pods:
        meta = pod["metadata"]
        if meta.get("deletionTimestamp"):
            host = census.pod(meta["uid"])
            out.append(
                Violation(
                    DELETED_GONE,
                    (meta["name"],),
                    f"pod {meta['name']} (uid {meta['uid']}) still Terminating "
                    f"(deletionTimestamp {meta['deletionTimestamp']}, phase "
                    f"{pod.get('status', {}).get('phase')}); on the host: {host.describe()}",
                )
            )
        elif (m := ctx.models.get(meta["name"])) is not None and m.delete_acked:
            out.append(
                Violation(
                    DELETED_GONE,
                    (meta["name"], "lost delete"),
                    f"pod {meta['name']}: its deletion was acknowledged, yet it is stored "
                    "and not terminating",
                )
            )
    for m in ctx.models.values():
        if m.created and not m.delete_sent and m.name not in names:
            out.append(
                Violation(
                    KEEPS_RUNNING,
                    (m.name, "lost"),
                    f"pod {m.name}: its creation was acknowledged, nobody deleted it, "
                    "and it is not stored",
                )
            )
    return out


def device_checks(
    pods: list[dict[str, Any]], held: dict[str, dict[str, list[str]]], ctx: Context
) -> list[Violation]:
    """podd's device checkpoint (``devices.json``): no device held for two
    pods, none for a pod that is not stored (after podd settled), and every
    running pod that asked for one holds it."""
    out: list[Violation] = []
    by_uid = {p["metadata"]["uid"]: p for p in pods}
    owners: dict[str, set[str]] = {}
    for uid, containers in held.items():
        if uid not in by_uid:
            out.append(Violation(NO_ORPHANS, ("device", uid), f"devices held for uid {uid}"))
        for names in containers.values():
            for name in names:
                owners.setdefault(name, set()).add(uid)
    for name, uids in sorted(owners.items()):
        if len(uids) > 1:
            text = f"device {name} held for {len(uids)} pods: {sorted(uids)}"
            out.append(Violation(ONE_INSTANCE, ("device", name), text))
    for uid, pod in by_uid.items():
        model = ctx.models.get(pod["metadata"]["name"])
        running = pod.get("status", {}).get("phase") == "Running"
        if model is not None and model.devices and running and uid not in held:
            text = f"pod {model.name} runs without the device it asked for"
            out.append(Violation(KEEPS_RUNNING, ("device-of", model.name), text))
    return out
