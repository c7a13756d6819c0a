"""Volume mounts of a container: a ``volumeMounts`` entry + the pod volume's
directory → a :class:`~podd.runtime.ocispec.BindMount`.

The controller (with podd.volumes) prepares each pod volume as a path that
the pod's mount namespace sees (:class:`VolumeSource`); this module resolves
``subPath`` inside it — created as a directory when missing, as the kubelet
does, and refused when it (through symlinks) leads outside the volume — and
finds the flags a read-only bind must repeat inside a user namespace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

from podd.runtime.errors import CreateContainerConfigError
from podd.runtime.ocispec import BindMount

__all__ = [
    "MountRequest",
    "VolumeSource",
    "check_sub_path",
    "locked_flags",
    "resolve_mounts",
]

_LOCKABLE = ("nosuid", "nodev", "noexec")


class VolumeSource(msgspec.Struct, frozen=True):
    """A pod volume as the runtime binds it: a directory (or file) path in the
    pod's mount namespace; ``read_only`` forces every mount of it read-only
    (configMap, secret, downwardAPI and projected volumes)."""

    path: str
    read_only: bool = False


class MountRequest(msgspec.Struct, frozen=True):
    """One ``volumeMounts`` entry, ``subPathExpr`` already expanded."""

    name: str
    mount_path: str
    sub_path: str = ""
    read_only: bool = False


def check_sub_path(sub_path: str) -> str:
    """The normalized relative subPath; refuses absolute paths and ``..``."""
    if not sub_path:
        return ""
    if sub_path.startswith("/"):
        raise CreateContainerConfigError(f"subPath {sub_path!r} must be a relative path")
    parts = [p for p in sub_path.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise CreateContainerConfigError(f"subPath {sub_path!r} must not contain '..'")
    return "/".join(parts)


def locked_flags(path: str, mountinfo: str) -> list[str]:
    """nosuid/nodev/noexec of the mount holding ``path`` (longest mount point
    prefix in a ``/proc/PID/mountinfo`` text)."""
    best, best_opts = "", ""
    for line in mountinfo.splitlines():
        fields = line.split()
        if len(fields) < 6:
            continue
        point = fields[4].replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_opts = point, fields[5]
    opts = best_opts.split(",")
    return [flag for flag in _LOCKABLE if flag in opts]


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _resolve_sub_path(volume: Path, sub_path: str, name: str) -> str:
    root = os.path.realpath(volume)
    target = volume / sub_path
    # Resolve symlinks of what exists before creating anything.
    if not _within(os.path.realpath(target), root):
        raise CreateContainerConfigError(
            f"failed to prepare subPath for volumeMount {name!r}: "
            f"subpath {sub_path!r} not within volume path {str(volume)!r}"
        )
    if not os.path.lexists(target):
        try:
            os.makedirs(target, mode=0o750, exist_ok=True)
        except OSError as exc:
            raise CreateContainerConfigError(
                f"failed to create subPath directory for volumeMount {name!r}: {exc.strerror}"
            ) from exc
    resolved = os.path.realpath(target)
    if not _within(resolved, root) or not os.path.exists(resolved):
        raise CreateContainerConfigError(
            f"failed to prepare subPath for volumeMount {name!r}: "
            f"subpath {sub_path!r} not within volume path {str(volume)!r}"
        )
    return resolved


def resolve_mounts(
    requests: Sequence[MountRequest],
    volumes: Mapping[str, VolumeSource],
    *,
    container: str = "",
    mountinfo: str = "",
) -> list[BindMount]:
    """Bind mounts for ``requests`` (creates missing subPath directories)."""
    out: list[BindMount] = []
    for req in requests:
        vol = volumes.get(req.name)
        if vol is None:
            raise CreateContainerConfigError(
                f'cannot find volume "{req.name}" to mount into container "{container}"'
            )
        if not req.mount_path.startswith("/"):
            raise CreateContainerConfigError(
                f"volumeMount {req.name!r}: mountPath {req.mount_path!r} must be absolute"
            )
        source = vol.path
        sub = check_sub_path(req.sub_path)
        if sub:
            source = _resolve_sub_path(Path(vol.path), sub, req.name)
        elif not os.path.exists(source):
            raise CreateContainerConfigError(
                f"volume {req.name!r}: {source} does not exist (volume not prepared)"
            )
        read_only = req.read_only or vol.read_only
        out.append(
            BindMount(
                destination=os.path.normpath(req.mount_path),
                source=source,
                read_only=read_only,
                flags=locked_flags(source, mountinfo) if mountinfo else [],
            )
        )
    return out
