"""cgroup v2: find the delegated subtree, place pods in it, limit, kill, measure.

Layout under the delegated root (DESIGN.md §2.5)::

    <root>/podd/daemon            podd itself
    <root>/podd/pods/<uid>/       one per pod; pod-level limits live here
    <root>/podd/pods/<uid>/infra  pause and slirp4netns (containers get siblings)

Every controller a level offers (``cgroup.controllers``) is enabled in its
``cgroup.subtree_control`` on the way down. A limit whose controller is not
there is reported as :class:`NotEnforced`, never dropped. All paths (the
mountinfo, /proc/self/cgroup, the root) are parameters, so the logic runs
on a tmp dir that imitates cgroupfs.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import re
import signal
from pathlib import Path

import msgspec

from podd.inotify import FileWatch
from podd.sandbox.cgroupdiscovery import (
    CgroupDiscovery,
    CgroupInfo,
    CgroupMode,
    discover,
    find_delegated_root,
    own_cgroup,
    parse_mountinfo,
    read_mode,
    writable_cgroup,
)
from podd.sandbox.cgrouplimits import (
    CPU_PERIOD_USEC,
    CgroupPolicy,
    Enforcement,
    LimitWrite,
    NotEnforced,
    PodLimits,
    cpu_weight,
    enforcement,
    limit_writes,
    runtime_cgroups_path,
)
from podd.sandbox.errors import CgroupError, CgroupKillTimeoutError
from podd.sandbox.process import wait_readable

__all__ = [  # discovery and the limit plan are re-exported: callers see one cgroups module
    "CPU_PERIOD_USEC",
    "CgroupDiscovery",
    "CgroupInfo",
    "CgroupManager",
    "CgroupMode",
    "CgroupPolicy",
    "CgroupStats",
    "Enforcement",
    "LimitWrite",
    "NotEnforced",
    "PodLimits",
    "cpu_weight",
    "discover",
    "enforcement",
    "find_delegated_root",
    "limit_writes",
    "own_cgroup",
    "parse_mountinfo",
    "read_mode",
    "runtime_cgroups_path",
    "writable_cgroup",
]

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")


class CgroupStats(msgspec.Struct, frozen=True):
    cpu_usage_usec: int | None = None
    cpu_user_usec: int | None = None
    cpu_system_usec: int | None = None
    memory_current: int | None = None
    oom_kills: int | None = None
    pids_current: int | None = None


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def _keyed(text: str | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in (text or "").splitlines():
        key, _, value = line.partition(" ")
        with contextlib.suppress(ValueError):
            out[key] = int(value)
    return out


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


class CgroupManager:
    """podd's part of a delegated cgroup v2 subtree rooted at ``root``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.base = self.root / "podd"
        self.daemon = self.base / "daemon"
        self.pods = self.base / "pods"

    # -- layout ---------------------------------------------------------------

    def controllers(self, path: Path) -> list[str]:
        return (_read(path / "cgroup.controllers") or "").split()

    def enable_controllers(self, path: Path) -> list[str]:
        """Enable in ``path``'s subtree_control all it offers; returns warnings.

        One write for all (the common case), then one per controller so that
        a refused one does not block the others.
        """
        enabled = set((_read(path / "cgroup.subtree_control") or "").split())
        wanted = [c for c in self.controllers(path) if c not in enabled]
        if not wanted or self._write_subtree(path, wanted) is None:
            return []
        warnings: list[str] = []
        for ctrl in wanted:
            if (err := self._write_subtree(path, [ctrl])) is not None:
                warnings.append(f"cannot enable {ctrl} in {path}: {err}")
        return warnings

    @staticmethod
    def _write_subtree(path: Path, controllers: list[str]) -> str | None:
        try:
            with open(path / "cgroup.subtree_control", "w") as f:
                f.write(" ".join(f"+{c}" for c in controllers))
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    def setup_daemon(self, pid: int | None = None) -> list[str]:
        """Create podd/{daemon,pods}, move ``pid`` (default: us) into daemon,
        then enable controllers down to pods/. Returns warnings."""
        for path in (self.base, self.daemon, self.pods):
            path.mkdir(exist_ok=True)
        self.place(os.getpid() if pid is None else pid, self.daemon)
        warnings: list[str] = []
        for path in (self.root, self.base, self.pods):
            warnings += self.enable_controllers(path)
        return warnings

    @property
    def network_path(self) -> Path:
        """``network/``: podd's pod network (its holder and slirp4netns),
        beside the pods, outside podd's own daemon cgroup so it outlives podd."""
        return self.base / "network"

    def create_network(self) -> Path:
        try:
            self.network_path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CgroupError(f"cannot create cgroup {self.network_path}: {exc.strerror}") from exc
        return self.network_path

    def pod_path(self, uid: str) -> Path:
        if not _SAFE_NAME.match(uid):
            raise CgroupError(f"unsafe pod uid for a cgroup name: {uid!r}")
        return self.pods / uid

    def create_pod(self, uid: str) -> Path:
        """``pods/<uid>/`` with its ``infra`` leaf; returns the pod path."""
        pod = self.pod_path(uid)
        try:
            self.pods.mkdir(parents=True, exist_ok=True)
            pod.mkdir()
            self.enable_controllers(pod)
            (pod / "infra").mkdir()
        except OSError as exc:
            raise CgroupError(f"cannot create cgroup {pod}: {exc.strerror}") from exc
        return pod

    @staticmethod
    def infra(pod_path: Path) -> Path:
        return pod_path / "infra"

    def place(self, pid: int, leaf: Path) -> None:
        """Move ``pid`` into ``leaf`` (the writer needs the common ancestor)."""
        try:
            with open(leaf / "cgroup.procs", "w") as f:
                f.write(str(pid))
        except OSError as exc:
            raise CgroupError(f"cannot move {pid} into {leaf}: {exc.strerror}") from exc

    # -- limits and stats -----------------------------------------------------

    def apply_limits(self, pod_path: Path, limits: PodLimits) -> list[NotEnforced]:
        """Write every limit whose controller is there; report the others.

        What podd sets on its own (``asked=False``: the pids limit, MemoryQoS,
        oom.group) is left out when its controller is missing, since
        :func:`enforcement` reports that once for all pods; a failed write of
        one is still returned."""
        available = set(self.controllers(pod_path))
        missing: list[NotEnforced] = []
        for write in limit_writes(limits):
            resource, ctrl, filename, value, asked = write
            if ctrl not in available:
                if asked:
                    offered = ", ".join(sorted(available)) or "none"
                    reason = f"the {ctrl} controller is not delegated (available: {offered})"
                    missing.append(NotEnforced(resource, ctrl, value, reason))
                continue
            try:
                (pod_path / filename).write_text(value)
            except OSError as exc:
                reason = f"writing {filename}: {exc.strerror}"
                missing.append(NotEnforced(resource, ctrl, value, reason, asked))
        return missing

    def protect_pods(self) -> None:
        """``memory.min`` of ``pods/`` and ``podd/``: the sum of the pods'.

        A cgroup's protection is bounded by its ancestors', so the pods'
        requests are summed up the tree podd owns (as the kubelet sums its
        QoS cgroups'). Above ``podd/`` is the delegation's owner's
        (systemd ``MemoryMin=``). Best effort: nothing to do without memory.
        """
        if "memory" not in self.controllers(self.pods):
            return
        total = 0
        with contextlib.suppress(OSError):
            for pod in self.pods.iterdir():
                if pod.is_dir():
                    total += _int(_read(pod / "memory.min")) or 0
        for path in (self.pods, self.base):
            with contextlib.suppress(OSError):
                (path / "memory.min").write_text(str(total))

    def stats(self, pod_path: Path) -> CgroupStats:
        cpu = _keyed(_read(pod_path / "cpu.stat"))
        events = _keyed(_read(pod_path / "memory.events"))
        return CgroupStats(
            cpu_usage_usec=cpu.get("usage_usec"),
            cpu_user_usec=cpu.get("user_usec"),
            cpu_system_usec=cpu.get("system_usec"),
            memory_current=_int(_read(pod_path / "memory.current")),
            oom_kills=events.get("oom_kill"),
            pids_current=_int(_read(pod_path / "pids.current")),
        )

    # -- teardown -------------------------------------------------------------

    def populated(self, path: Path) -> bool:
        """cgroup.events "populated", or any pid in the subtree (fallback)."""
        events = _keyed(_read(path / "cgroup.events"))
        if "populated" in events:
            return events["populated"] == 1
        return bool(self._pids(path))

    def _pids(self, path: Path) -> list[int]:
        return cgroup_pids(path)

    def _signal_all(self, path: Path) -> None:
        for pid in self._pids(path):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

    async def kill(self, pod_path: Path, timeout: float = 5.0) -> None:
        """cgroup.kill (or SIGKILL of every member) and wait until empty."""
        if not pod_path.exists():
            return
        kill_file = pod_path / "cgroup.kill"
        has_kill = kill_file.exists()
        if has_kill:
            try:
                kill_file.write_text("1")
            except OSError as exc:
                raise CgroupError(f"writing {kill_file}: {exc.strerror}") from exc
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        watch: FileWatch | None = None
        with contextlib.suppress(OSError):
            watch = FileWatch(pod_path / "cgroup.events")
        try:
            while self.populated(pod_path):
                if not has_kill:
                    self._signal_all(pod_path)
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise CgroupKillTimeoutError(f"{pod_path} still populated after {timeout}s")
                if watch is not None:
                    # The event wakes us at once; the cap only guards a lost one.
                    await wait_readable(watch.fd, min(remaining, 0.5))
                    watch.drain()
                else:
                    await asyncio.sleep(min(remaining, 0.01))
        finally:
            if watch is not None:
                watch.close()

    def remove(self, pod_path: Path) -> None:
        """rmdir the pod cgroup, leaves first. Missing is fine."""
        if not pod_path.exists():
            return
        dirs = [Path(d) for d, _, _ in os.walk(pod_path, topdown=False)]
        for path in dirs:
            _rmdir(path)

    async def destroy_pod(self, pod_path: Path, timeout: float = 5.0) -> None:
        await self.kill(pod_path, timeout)
        self.remove(pod_path)
        self.protect_pods()


def _rmdir(path: Path) -> None:
    """rmdir; on an imitation tree (a plain directory with files), empty it first.

    On cgroupfs the interface files never make rmdir fail, so the fallback
    only ever runs on test trees.
    """
    try:
        path.rmdir()
        return
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno != errno.ENOTEMPTY or any(p.is_dir() for p in path.iterdir()):
            raise CgroupError(f"cannot remove cgroup {path}: {exc.strerror}") from exc
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def cgroup_pids(path: Path) -> list[int]:
    """Every pid in the cgroup subtree at ``path`` (none when it is gone)."""
    pids: list[int] = []
    for procs in path.rglob("cgroup.procs"):
        pids += [int(p) for p in (_read(procs) or "").split() if p.isdigit()]
    return pids
