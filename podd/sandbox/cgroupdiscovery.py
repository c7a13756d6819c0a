"""cgroup v2 discovery: which hierarchy this host has (v1, hybrid, unified)
and the delegated subtree podd may use, or why there is none. Paths are
parameters, so it runs on files that imitate /proc."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import msgspec


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


class CgroupMode(StrEnum):
    UNIFIED = "unified"  # cgroup2 only, at /sys/fs/cgroup
    HYBRID = "hybrid"  # v1 controllers plus a cgroup2 tree (often /sys/fs/cgroup/unified)
    V1 = "v1"  # no cgroup2 at all
    NONE = "none"  # no cgroup filesystem mounted


class CgroupInfo(msgspec.Struct, frozen=True):
    mode: CgroupMode
    v2_mount: str | None = None


def parse_mountinfo(text: str) -> CgroupInfo:
    """The cgroup mode from /proc/self/mountinfo text (pure)."""
    v2: list[str] = []
    v1 = False
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields, fstype = left.split(), right.split()[0] if right.split() else ""
        if fstype == "cgroup2" and len(fields) >= 5:
            v2.append(fields[4].replace("\\040", " "))
        elif fstype == "cgroup":
            v1 = True
    mount = "/sys/fs/cgroup" if "/sys/fs/cgroup" in v2 else (v2[0] if v2 else None)
    if mount and not v1:
        return CgroupInfo(CgroupMode.UNIFIED, mount)
    if mount:
        return CgroupInfo(CgroupMode.HYBRID, mount)
    return CgroupInfo(CgroupMode.V1 if v1 else CgroupMode.NONE)


def read_mode(mountinfo: str | Path = "/proc/self/mountinfo") -> CgroupInfo:
    try:
        return parse_mountinfo(Path(mountinfo).read_text())
    except OSError:
        return CgroupInfo(CgroupMode.NONE)


def own_cgroup(v2_mount: str | Path, cgroup_file: str | Path = "/proc/self/cgroup") -> Path | None:
    """The cgroup2 directory this process is in (the ``0::`` line)."""
    try:
        text = Path(cgroup_file).read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("0::"):
            return Path(v2_mount) / line[3:].strip().lstrip("/")
    return None


def writable_cgroup(path: Path) -> bool:
    """Whether we may create children in ``path`` and move processes into it."""
    return os.access(path, os.W_OK | os.X_OK) and os.access(path / "cgroup.procs", os.W_OK)


def find_delegated_root(
    v2_mount: str | Path, cgroup_file: str | Path = "/proc/self/cgroup"
) -> Path | None:
    """The highest writable ancestor of our own cgroup (what Delegate=yes gives)."""
    mount = Path(v2_mount)
    current = own_cgroup(mount, cgroup_file)
    if current is None or not writable_cgroup(current):
        return None
    while current != mount and writable_cgroup(current.parent) and current.parent != mount:
        current = current.parent
    return current


class CgroupDiscovery(msgspec.Struct, frozen=True):
    """What podd may use: the mode, the delegated root and its controllers,
    or the reason there is none (for /podd/v1/info and pod events)."""

    info: CgroupInfo
    root: str | None = None
    controllers: list[str] = []
    reason: str | None = None


def discover(
    configured: str | Path | None = None,
    mountinfo: str | Path = "/proc/self/mountinfo",
    cgroup_file: str | Path = "/proc/self/cgroup",
) -> CgroupDiscovery:
    """Find the delegated subtree: the configured path, else our own (walked up)."""
    info = read_mode(mountinfo)
    if info.v2_mount is None:
        why = "no cgroup v2 hierarchy is mounted"
        if info.mode is CgroupMode.V1:
            why = "this host only has cgroup v1"
        return CgroupDiscovery(info, reason=f"{why}: pods run without limits or cgroup teardown")
    if configured is not None:
        root: Path | None = Path(configured)
        if not writable_cgroup(Path(configured)):
            why = f"the configured cgroup {configured} is not a writable cgroup v2 directory"
            return CgroupDiscovery(info, reason=why)
    else:
        root = find_delegated_root(info.v2_mount, cgroup_file)
    if root is None:
        here = own_cgroup(info.v2_mount, cgroup_file)
        why = (
            f"the cgroup podd runs in ({here}) is not writable: run podd inside a delegated"
            " subtree (systemd Delegate=yes) or configure one"
        )
        return CgroupDiscovery(info, reason=why)
    controllers = (_read(root / "cgroup.controllers") or "").split()
    return CgroupDiscovery(info, root=str(root), controllers=controllers)
