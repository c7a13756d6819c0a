"""What one podd has on the host right now, read from /proc, its cgroup
subtree and its runtime and data dirs — never from podd itself.

Processes are attributed to pods by their cgroup (``<root>/podd/pods/<uid>/
<leaf>``, DESIGN.md §2.5) and, for those that escaped it, by the pod paths
in their command line. Container instances are counted twice over: by their
conmon (``-n <name> -c <cid> -b <run>/pods/<uid>/containers/<cid>``) and by
their populated cgroup leaf (``ctr-<name>-<cid[:12]>``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CID = re.compile(r"^[0-9a-f]{64}$")
LEAF_PREFIX = "ctr-"


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    argv: tuple[str, ...]
    cgroup: str  # relative to podd's cgroup root ("" when outside it)
    start: int  # start time in clock ticks (pid reuse)

    @property
    def exe(self) -> str:
        return os.path.basename(self.argv[0]) if self.argv else "?"

    def arg(self, *flags: str) -> str | None:
        for i, a in enumerate(self.argv[:-1]):
            if a in flags:
                return self.argv[i + 1]
        return None

    def short(self) -> str:
        if self.exe == "conmon":
            name, cid = self.arg("-n", "--name") or "?", self.arg("-c", "--cid") or "?"
            return f"pid {self.pid} conmon -n {name} -c {cid[:12]}"
        if self.exe == "podd-pause":
            return f"pid {self.pid} podd-pause {self.argv[1] if len(self.argv) > 1 else ''}"
        if self.exe == "slirp4netns":
            return f"pid {self.pid} slirp4netns"
        if self.exe in ("runc", "crun") and self.argv[1:2] == ("init",):
            return f"pid {self.pid} `{self.exe} init` (created, not started)"
        text = " ".join(self.argv)
        return f"pid {self.pid} `{text[:80]}{'…' if len(text) > 80 else ''}`"


@dataclass(frozen=True)
class Conmon:
    proc: Proc
    uid: str
    name: str
    cid: str


@dataclass
class Bundle:
    cid: str
    has_config: bool
    has_intent: bool
    handle: dict[str, object] | None  # container.json
    intent: dict[str, object] | None

    @property
    def name(self) -> str | None:
        for src in (self.handle, self.intent):
            if src and isinstance(src.get("name"), str):
                return str(src["name"])
        return None

    @property
    def started(self) -> bool:
        return bool(self.handle and self.handle.get("started_at"))


@dataclass
class SandboxDir:
    uid: str
    has_state: bool
    has_partial: bool
    bundles: dict[str, Bundle]


@dataclass
class PodHost:
    """Everything of one pod uid on the host."""

    uid: str
    cgroup: bool = False
    leaves: dict[str, list[Proc]] = field(default_factory=dict)  # leaf name → live procs
    conmons: list[Conmon] = field(default_factory=list)
    escaped: list[Proc] = field(default_factory=list)  # naming the pod outside its cgroup
    sandbox: SandboxDir | None = None
    storage: bool = False
    volumes: bool = False
    logs: list[str] = field(default_factory=list)
    host_mounts: list[str] = field(default_factory=list)
    pod_mounts: list[str] = field(default_factory=list)  # rootfs mounts in its pause's mount ns

    def procs(self) -> list[Proc]:
        out = [p for ps in self.leaves.values() for p in ps]
        seen = {p.pid for p in out}
        out += [c.proc for c in self.conmons if c.proc.pid not in seen]
        seen |= {p.pid for p in out}
        return out + [p for p in self.escaped if p.pid not in seen]

    def infra(self, exe: str) -> list[Proc]:
        return [p for p in self.leaves.get("infra", []) if p.exe == exe]

    def instances(self) -> dict[str, dict[str, list[str]]]:
        """container name → instance id[:12] → what shows it is live."""
        out: dict[str, dict[str, list[str]]] = {}
        for c in self.conmons:
            out.setdefault(c.name, {}).setdefault(c.cid[:12], []).append(c.proc.short())
        conmons = {c.proc.pid for c in self.conmons}
        for leaf, procs in self.leaves.items():
            if not leaf.startswith(LEAF_PREFIX) or not procs or len(leaf) < len(LEAF_PREFIX) + 14:
                continue
            name, id12 = leaf[len(LEAF_PREFIX) : -13], leaf[-12:]
            rest = [p.short() for p in procs if p.pid not in conmons]
            out.setdefault(name, {}).setdefault(id12, []).append(
                f"leaf {leaf} [{'; '.join(rest[:3]) or 'its conmon only'}]"
            )
        return out

    def empty(self) -> bool:
        return not (
            self.cgroup
            or self.procs()
            or self.sandbox
            or self.storage
            or self.volumes
            or self.logs
            or self.host_mounts
        )

    def describe(self) -> str:
        parts = []
        if self.procs():
            parts.append("processes: " + "; ".join(p.short() for p in self.procs()[:6]))
        if self.cgroup:
            parts.append(
                f"cgroup pods/{self.uid} (leaves: {', '.join(sorted(self.leaves)) or '-'})"
            )
        if self.sandbox:
            state = "sandbox.json" if self.sandbox.has_state else "no sandbox.json"
            parts.append(
                f"runtime dir pods/{self.uid} ({state}, {len(self.sandbox.bundles)} bundles)"
            )
        if self.storage:
            parts.append("container storage dir")
        if self.volumes:
            parts.append("volumes dir")
        if self.logs:
            parts.append(f"log dir {self.logs[0]}")
        if self.host_mounts:
            parts.append(f"host mounts: {self.host_mounts[:2]}")
        return "; ".join(parts) or "nothing"


@dataclass
class Census:
    pods: dict[str, PodHost]
    daemon: list[Proc]  # in <root>/podd/daemon
    other: list[Proc]  # elsewhere under the root, or naming our dirs, not a pod's
    network: list[Proc] = field(default_factory=list)  # in <root>/podd/network (--network bridge)
    ip_holders: dict[str, str] = field(default_factory=dict)  # pod network IPAM: ip → uid
    forward_owners: list[str] = field(default_factory=list)  # forwards.json rows' pod uids

    def pod(self, uid: str) -> PodHost:
        return self.pods.get(uid) or PodHost(uid)


@dataclass(frozen=True)
class Layout:
    """The dirs and cgroup of one podd (PoddProcess)."""

    runtime_dir: Path
    data_dir: Path
    cgroup_root: Path | None

    @property
    def pods_cgroup(self) -> Path | None:
        return self.cgroup_root / "podd" / "pods" if self.cgroup_root else None

    @property
    def sandboxes(self) -> Path:
        return self.runtime_dir / "pods"


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def _read_json(path: Path) -> dict[str, object] | None:
    text = _read(path)
    if text is None:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _proc(pid: int, cg_prefix: str | None) -> Proc | None:
    base = Path("/proc") / str(pid)
    stat = _read(base / "stat")
    try:
        raw = (base / "cmdline").read_bytes()
    except OSError:
        return None
    if stat is None:  # gone meanwhile
        return None
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):  # a zombie is not a live instance
        return None
    cg = ""
    for line in (_read(base / "cgroup") or "").splitlines():
        if line.startswith("0::") and cg_prefix is not None:
            path = line[3:].strip()
            if path == cg_prefix or path.startswith(cg_prefix + "/"):
                cg = path[len(cg_prefix) :].lstrip("/") or "."
    argv = tuple(a.decode(errors="replace") for a in raw.split(b"\0") if a)
    return Proc(pid, int(fields[1]), argv, cg, int(fields[19]))


def _cgroup_prefix(root: Path | None) -> str | None:
    if root is None:
        return None
    from podd.sandbox.cgroups import read_mode

    mount = read_mode().v2_mount
    if mount is None:
        return None
    return "/" + str(root.relative_to(mount)).strip("/")


def _bundles(rundir: Path) -> dict[str, Bundle]:
    out: dict[str, Bundle] = {}
    try:
        entries = list((rundir / "containers").iterdir())
    except OSError:
        return out
    for b in entries:
        if not _CID.match(b.name):
            continue
        out[b.name] = Bundle(
            cid=b.name,
            has_config=(b / "config.json").exists(),
            has_intent=(b / "intent.json").exists(),
            handle=_read_json(b / "container.json"),
            intent=_read_json(b / "intent.json"),
        )
    return out


def _listdir(path: Path) -> list[str]:
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def take(layout: Layout, exclude: Iterable[int] = ()) -> Census:
    """One census; ``exclude`` is podd itself (its own argv names our dirs)."""
    prefix = _cgroup_prefix(layout.cgroup_root)
    skip = {os.getpid(), *exclude}
    pods: dict[str, PodHost] = {}
    daemon: list[Proc] = []
    other: list[Proc] = []
    network: list[Proc] = []

    def pod(uid: str) -> PodHost:
        return pods.setdefault(uid, PodHost(uid))

    ours = (str(layout.runtime_dir), str(layout.data_dir))
    for entry in _listdir(Path("/proc")):
        if not entry.isdigit() or int(entry) in skip:
            continue
        p = _proc(int(entry), prefix)
        if p is None:
            continue
        text = " ".join(p.argv)
        if p.exe == "conmon" and any(o in text for o in ours):
            bundle, name, cid = p.arg("-b", "--bundle"), p.arg("-n", "--name"), p.arg("-c", "--cid")
            uid = Path(bundle).parent.parent.name if bundle else ""
            if name and cid and uid:
                pod(uid).conmons.append(Conmon(p, uid, name, cid))
        parts = p.cgroup.split("/") if p.cgroup else []
        if len(parts) > 2 and parts[:2] == ["podd", "pods"]:
            host = pod(parts[2])
            host.leaves.setdefault(parts[3] if len(parts) > 3 else ".", []).append(p)
        elif parts[:2] == ["podd", "daemon"]:
            daemon.append(p)
        elif parts[:2] == ["podd", "network"]:
            network.append(p)
        elif p.cgroup or any(o in text for o in ours):
            uids = _UID.findall(text)
            if uids and p.exe != "conmon":
                pod(uids[0]).escaped.append(p)
            elif not uids:
                other.append(p)
    if layout.pods_cgroup is not None:
        for uid in _listdir(layout.pods_cgroup):
            if (layout.pods_cgroup / uid).is_dir():
                host = pod(uid)
                host.cgroup = True
                for leaf in _listdir(layout.pods_cgroup / uid):
                    if (layout.pods_cgroup / uid / leaf).is_dir():
                        host.leaves.setdefault(leaf, [])
    for uid in _listdir(layout.sandboxes):
        rundir = layout.sandboxes / uid
        if rundir.is_dir():
            pod(uid).sandbox = SandboxDir(
                uid,
                has_state=(rundir / "sandbox.json").exists(),
                has_partial=(rundir / "partial.json").exists(),
                bundles=_bundles(rundir),
            )
    for uid in _listdir(layout.data_dir / "storage" / "containers"):
        pod(uid).storage = True
    for uid in _listdir(layout.data_dir / "volumes"):
        pod(uid).volumes = True
    for name in _listdir(layout.data_dir / "logs"):
        if "_" in name:
            pod(name.rsplit("_", 1)[1]).logs.append(name)
    for line in (_read(Path("/proc/self/mountinfo")) or "").splitlines():
        if any(o in line for o in ours):
            for uid in _UID.findall(line):
                pod(uid).host_mounts.append(line.split()[4])
    for host in pods.values():
        pauses = host.infra("podd-pause")
        if pauses:
            host.pod_mounts = _rootfs_mounts(pauses[0].pid, layout.sandboxes / host.uid)
    netdir = layout.runtime_dir / "network"
    holders = {
        ip: (_read(netdir / "ipam" / ip) or "").strip()
        for ip in _listdir(netdir / "ipam")
        if ip[:1].isdigit()
    }
    rows = json.loads(_read(netdir / "forwards.json") or "[]")
    owners = [str(r.get("owner")) for r in rows if isinstance(r, dict)]
    return Census(pods, daemon, other, network, holders, owners)


def _rootfs_mounts(pid: int, rundir: Path) -> list[str]:
    """Mount points under the pod's ``rootfs/`` in its mount namespace (one
    line per mount: stacked mounts show twice)."""
    text = _read(Path("/proc") / str(pid) / "mountinfo") or ""
    where = str(rundir / "rootfs") + "/"
    return [ln.split()[4] for ln in text.splitlines() if ln.split()[4].startswith(where)]
