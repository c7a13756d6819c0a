"""Users and groups of an image: ``/etc/passwd`` and ``/etc/group`` read from
its layer directories (top layer first, whiteouts and opaque directories
honoured, as overlayfs would show them), and the container user resolved
from them the way CRI runtimes do.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

import msgspec

from podd.runtime.errors import CreateContainerError

__all__ = [
    "GroupEntry",
    "ImageUsers",
    "PasswdEntry",
    "UserIds",
    "find_in_layers",
    "parse_group",
    "parse_passwd",
    "read_image_users",
    "resolve_user",
]

_OPAQUE_XATTRS = ("user.overlay.opaque", "trusted.overlay.opaque")
_MAX_FILE = 4 << 20


class PasswdEntry(msgspec.Struct, frozen=True):
    name: str
    uid: int
    gid: int
    home: str = ""


class GroupEntry(msgspec.Struct, frozen=True):
    name: str
    gid: int
    members: list[str] = []


class ImageUsers(msgspec.Struct, frozen=True):
    """The image's /etc/passwd and /etc/group (empty when absent)."""

    passwd: list[PasswdEntry] = []
    groups: list[GroupEntry] = []

    def user_by_name(self, name: str) -> PasswdEntry | None:
        return next((e for e in self.passwd if e.name == name), None)

    def user_by_uid(self, uid: int) -> PasswdEntry | None:
        return next((e for e in self.passwd if e.uid == uid), None)

    def group_by_name(self, name: str) -> GroupEntry | None:
        return next((g for g in self.groups if g.name == name), None)


class UserIds(msgspec.Struct, frozen=True):
    """The process identity: uid, primary gid, additional gids."""

    uid: int = 0
    gid: int = 0
    additional_gids: list[int] = []


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def parse_passwd(text: str) -> list[PasswdEntry]:
    """``name:x:uid:gid:gecos:home:shell`` lines; malformed lines are skipped."""
    out: list[PasswdEntry] = []
    for line in text.splitlines():
        parts = line.split(":")
        if len(parts) < 4 or line.startswith("#"):
            continue
        uid, gid = _int(parts[2]), _int(parts[3])
        if uid is None or gid is None:
            continue
        out.append(PasswdEntry(parts[0], uid, gid, parts[5] if len(parts) > 5 else ""))
    return out


def parse_group(text: str) -> list[GroupEntry]:
    """``name:x:gid:member,member`` lines; malformed lines are skipped."""
    out: list[GroupEntry] = []
    for line in text.splitlines():
        parts = line.split(":")
        if len(parts) < 3 or line.startswith("#"):
            continue
        gid = _int(parts[2])
        if gid is None:
            continue
        members = [m for m in (parts[3].split(",") if len(parts) > 3 else []) if m]
        out.append(GroupEntry(parts[0], gid, members))
    return out


def _is_whiteout(st: os.stat_result) -> bool:
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


def _opaque(path: Path) -> bool:
    for name in _OPAQUE_XATTRS:
        try:
            if os.getxattr(path, name, follow_symlinks=False) == b"y":
                return True
        except OSError:
            continue
    return False


def find_in_layers(layers: Sequence[str | Path], relpath: str) -> Path | None:
    """The file ``relpath`` as the merged view shows it: the topmost layer
    holding it, unless a higher layer whites it (or a parent) out or makes a
    parent directory opaque. Symlinked parents are not followed."""
    parts = [p for p in relpath.strip("/").split("/") if p]
    for layer in layers:
        base = Path(layer)
        hidden = False
        for depth in range(1, len(parts)):  # parent directories
            parent = base.joinpath(*parts[:depth])
            try:
                st = parent.lstat()
            except OSError:
                break
            if _is_whiteout(st) or not stat.S_ISDIR(st.st_mode):
                hidden = True
                break
        if hidden:
            return None
        target = base.joinpath(*parts)
        try:
            found: os.stat_result | None = target.lstat()
        except OSError:
            found = None
        if found is not None:
            return None if _is_whiteout(found) else target
        for depth in range(1, len(parts)):
            if _opaque(base.joinpath(*parts[:depth])):
                return None
    return None


def _read_small(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        with open(path, "rb") as f:
            return f.read(_MAX_FILE).decode(errors="replace")
    except OSError:
        return ""


def read_image_users(layers: Sequence[str | Path]) -> ImageUsers:
    """Parse /etc/passwd and /etc/group of the merged layers (top first)."""
    return ImageUsers(
        passwd=parse_passwd(_read_small(find_in_layers(layers, "etc/passwd"))),
        groups=parse_group(_read_small(find_in_layers(layers, "etc/group"))),
    )


def _lookup_uid(spec: str, users: ImageUsers) -> tuple[int, PasswdEntry | None]:
    if spec.isdigit():
        uid = int(spec)
        return uid, users.user_by_uid(uid)
    entry = users.user_by_name(spec)
    if entry is None:
        raise CreateContainerError(
            f"unable to find user {spec}: no matching entries in passwd file"
        )
    return entry.uid, entry


def _lookup_gid(spec: str, users: ImageUsers) -> int:
    if spec.isdigit():
        return int(spec)
    group = users.group_by_name(spec)
    if group is None:
        raise CreateContainerError(
            f"unable to find group {spec}: no matching entries in group file"
        )
    return group.gid


def resolve_user(
    image_user: str | None,
    users: ImageUsers,
    *,
    run_as_user: int | None = None,
    run_as_group: int | None = None,
    supplemental_groups: Sequence[int] = (),
) -> UserIds:
    """The process uid/gid/additional gids.

    ``runAsUser`` replaces the image's user, ``runAsGroup`` its group. A
    user without a group gets the primary group of its passwd entry (0 if
    none). Additional gids: the groups listing the user's name in
    /etc/group, then ``supplemental_groups`` (supplementalGroups and
    fsGroup), without duplicates.
    """
    user_spec, _, group_spec = (image_user or "").partition(":")
    if run_as_user is not None:
        uid, entry = run_as_user, users.user_by_uid(run_as_user)
        group_spec = ""  # runAsUser replaces the image's user:group as a whole
    elif user_spec:
        uid, entry = _lookup_uid(user_spec, users)
    else:
        uid, entry = 0, users.user_by_uid(0)
    if run_as_group is not None:
        gid = run_as_group
    elif group_spec:
        gid = _lookup_gid(group_spec, users)
    else:
        gid = entry.gid if entry is not None else 0
    extra: list[int] = []
    if entry is not None:
        extra += [g.gid for g in users.groups if entry.name in g.members and g.gid != gid]
    extra += list(supplemental_groups)
    return UserIds(uid, gid, list(dict.fromkeys(extra)))
