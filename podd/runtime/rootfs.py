"""The container rootfs: overlayfs in the pod's user+mount namespace, or a
copy where the kernel refuses overlay there.

**Overlay.** ``mount -t overlay -o lowerdir=<layers, top first>,upperdir=,
workdir=,userxattr`` runs through ``podd-pause --join <pause> --ns user,mnt``,
so the mount exists only in the pod's mount namespace — where conmon and the
runtime run — and vanishes with it. Mount points are directories in the
pod's runtime dir (created from outside: the pause's namespace shares the
filesystem, not later mounts); upper/work live in the pod's storage dir.
``userxattr`` is required inside a user namespace (RUNTIME-NOTES.md).

**Copy.** Where a probe mount fails (detected once, reported by
:class:`RootfsInfo`), the layers are merged into ``<storage>/rootfs`` by
:mod:`podd.runtime.rootfs_helper` inside the user namespace.

Either way the rootfs of a container *name* is kept across its restarts
(same layers: reused; other layers: rebuilt) and removed with the pod by
:func:`remove_pod_rootfs` — from inside the user namespace, since files
written by non-root container users belong to subordinate ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import msgspec

from podd import spawn
from podd.runtime.errors import RootfsError
from podd.runtime.nsjoin import Completed, helper_env, run_joined
from podd.runtime.state import PodDirs

__all__ = [
    "RootfsInfo",
    "RootfsPaths",
    "RootfsProbe",
    "mounted_under",
    "overlay_options",
    "prepare_rootfs",
    "remove_pod_rootfs",
    "rootfs_paths",
]

JoinPrefix = Callable[[], Awaitable[list[str]]]
_PAGE = 4000  # mount(2) data must fit in a page
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
MARKER = "lowers.json"


class RootfsInfo(msgspec.Struct, frozen=True):
    """How rootfs are made here: overlay, copy, or not yet probed."""

    mode: Literal["overlay", "copy", "unknown"] = "unknown"
    reason: str | None = None


@dataclass
class RootfsProbe:
    """The once-per-process overlay probe result (shared through RuntimeEnv)."""

    info: RootfsInfo = field(default_factory=RootfsInfo)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class RootfsPaths(msgspec.Struct, frozen=True):
    """Where the rootfs of one container name lives."""

    mountpoint: str
    storage: str

    @property
    def upper(self) -> Path:
        return Path(self.storage) / "upper"

    @property
    def work(self) -> Path:
        return Path(self.storage) / "work"

    @property
    def copy(self) -> Path:
        return Path(self.storage) / "rootfs"

    @property
    def marker(self) -> Path:
        return Path(self.storage) / MARKER


def rootfs_paths(dirs: PodDirs, storage_pod_dir: str | Path, name: str) -> RootfsPaths:
    return RootfsPaths(str(dirs.rootfs_mounts / name), str(Path(storage_pod_dir) / name))


def overlay_options(
    lowers: Sequence[str | Path], upper: str | Path, work: str | Path
) -> tuple[str, str | None]:
    """(mount options, cwd): lower dirs top first; when the absolute list does
    not fit in a page, lower dirs relative to their common parent (the cwd)."""
    tail = f",upperdir={upper},workdir={work},userxattr"
    opts = "lowerdir=" + ":".join(str(p) for p in lowers) + tail
    if len(opts) <= _PAGE or not lowers:
        return opts, None
    base = os.path.commonpath([str(p) for p in lowers])
    rel = [os.path.relpath(str(p), base) for p in lowers]
    opts = "lowerdir=" + ":".join(rel) + tail
    if len(opts) > _PAGE:
        raise RootfsError(f"too many image layers for one overlay mount ({len(lowers)})")
    return opts, base


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mounted_under(mountinfo: str, directory: str | Path) -> list[str]:
    """Mount points at or below ``directory`` in a mountinfo text (deepest first)."""
    base = str(directory).rstrip("/")
    found: list[str] = []
    for line in mountinfo.splitlines():
        fields = line.split()
        if len(fields) > 4:
            point = _unescape(fields[4])
            if point == base or point.startswith(base + "/"):
                found.append(point)
    return sorted(set(found), key=lambda p: (-p.count("/"), p))


def _mountinfo(anchor: int, proc: str = "/proc") -> str:
    try:
        return Path(proc, str(anchor), "mountinfo").read_text()
    except OSError:
        return ""


def _fail(what: str, done: Completed) -> RootfsError:
    return RootfsError(f"{what} failed (exit {done.returncode}): {done.text or 'no message'}")


async def _joined(
    pause: Path,
    anchor: int,
    argv: list[str],
    *,
    ns: Sequence[str] = ("user", "mnt"),
    cwd: str | None = None,
    timeout: float = 60.0,
) -> Completed:
    return await run_joined(pause, anchor, argv, namespaces=ns, cwd=cwd, timeout=timeout)


async def probe_overlay(pause: Path, anchor: int, scratch: Path, mountpoint: Path) -> RootfsInfo:
    """Try one overlay mount (+ unmount) in the pod's namespaces."""
    lower, upper, work = scratch / "l", scratch / "u", scratch / "w"
    for d in (lower, upper, work, mountpoint):
        d.mkdir(parents=True, exist_ok=True)
    opts, _ = overlay_options([lower], upper, work)
    try:
        done = await _joined(
            pause,
            anchor,
            ["mount", "-t", "overlay", "overlay", "-o", opts, str(mountpoint)],
            timeout=20,
        )
        if done.returncode == 0:
            await _joined(pause, anchor, ["umount", str(mountpoint)], timeout=20)
            return RootfsInfo("overlay")
        return RootfsInfo("copy", f"overlayfs refused in the user namespace: {done.text}")
    finally:
        await _joined(pause, anchor, ["rm", "-rf", str(scratch)], ns=("user",), timeout=60)
        with contextlib.suppress(OSError):
            mountpoint.rmdir()


def _marker_matches(paths: RootfsPaths, lowers: Sequence[str]) -> bool:
    try:
        return msgspec.json.decode(paths.marker.read_bytes()) == list(lowers)
    except (OSError, msgspec.DecodeError):
        return False


async def _wipe(pause: Path, anchor: int, targets: Sequence[Path]) -> None:
    existing = [str(t) for t in targets if os.path.lexists(t)]
    if existing:
        done = await _joined(pause, anchor, ["rm", "-rf", "--", *existing], ns=("user",))
        if done.returncode != 0:
            raise _fail("removing " + " ".join(existing), done)


async def prepare_rootfs(
    pause: Path,
    anchor: int,
    mode: Literal["overlay", "copy"],
    lowers: Sequence[str | Path],
    paths: RootfsPaths,
    *,
    python: str = sys.executable,
) -> str:
    """Mount (or copy) the rootfs of a container name; returns the path to give
    the runtime as ``root.path``. Reuses what is there for the same layers."""
    lower_list = [str(p) for p in lowers]
    Path(paths.storage).mkdir(parents=True, exist_ok=True)
    if mode == "copy":
        if _marker_matches(paths, lower_list) and paths.copy.is_dir():
            return str(paths.copy)
        await _wipe(pause, anchor, [paths.copy, paths.marker])
        argv = [
            python,
            "-m",
            "podd.runtime.rootfs_helper",
            "copy",
            str(paths.copy),
            *reversed(lower_list),
        ]
        env = helper_env({"PYTHONPATH": str(_PACKAGE_ROOT), "PYTHONDONTWRITEBYTECODE": "1"})
        done = await run_joined(pause, anchor, argv, namespaces=("user",), timeout=600, env=env)
        if done.returncode != 0:
            raise _fail("copying the image layers", done)
        paths.marker.write_bytes(msgspec.json.encode(lower_list))
        return str(paths.copy)
    mountpoint = Path(paths.mountpoint)
    mounted = str(mountpoint) in mounted_under(_mountinfo(anchor), mountpoint)
    if mounted and _marker_matches(paths, lower_list):
        return str(mountpoint)
    if mounted:
        done = await _joined(pause, anchor, ["umount", str(mountpoint)])
        if done.returncode != 0:
            raise _fail(f"unmounting {mountpoint}", done)
    if not _marker_matches(paths, lower_list):
        await _wipe(pause, anchor, [paths.upper, paths.work, paths.marker])
    mountpoint.mkdir(parents=True, exist_ok=True)
    paths.upper.mkdir(exist_ok=True)
    paths.upper.chmod(0o755)  # the merged root takes the upper dir's mode
    paths.work.mkdir(exist_ok=True)
    opts, cwd = overlay_options(lower_list, paths.upper, paths.work)
    done = await _joined(
        pause, anchor, ["mount", "-t", "overlay", "overlay", "-o", opts, str(mountpoint)], cwd=cwd
    )
    if done.returncode != 0:
        raise _fail(f"mounting the overlay rootfs at {mountpoint}", done)
    paths.marker.write_bytes(msgspec.json.encode(lower_list))
    return str(mountpoint)


async def remove_pod_rootfs(
    pause: Path,
    anchor: int | None,
    dirs: PodDirs | None,
    storage_pod_dir: str | Path,
    *,
    userns_join: JoinPrefix | None = None,
) -> None:
    """Unmount every rootfs of the pod (when its namespaces are still there)
    and remove its storage dir from inside a user namespace with the pods'
    mapping: the pod's (``anchor``) or, when it is gone, ``userns_join``'s."""
    storage = Path(storage_pod_dir)
    if anchor is not None and dirs is not None:
        points = mounted_under(_mountinfo(anchor), dirs.rootfs_mounts)
        if points:
            done = await _joined(pause, anchor, ["umount", *points])
            if done.returncode != 0:
                done = await _joined(pause, anchor, ["umount", "-l", *points])
                if done.returncode != 0:
                    raise _fail("unmounting " + " ".join(points), done)
    if not os.path.lexists(storage):
        return
    if anchor is not None:
        done = await _joined(pause, anchor, ["rm", "-rf", "--", str(storage)], ns=("user",))
    elif userns_join is not None:
        prefix = await userns_join()
        argv = [*prefix, "rm", "-rf", "--", str(storage)]
        ran = await spawn.run(argv, env=helper_env(), timeout=120)  # TimeoutError: killed
        done = Completed(ran.returncode, ran.stdout, ran.stderr)
    else:
        raise RootfsError(
            f"cannot remove {storage}: the pod's namespaces are gone and no user namespace "
            "with the pods' mapping was given"
        )
    if done.returncode != 0 or os.path.lexists(storage):
        raise _fail(f"removing {storage}", done)
