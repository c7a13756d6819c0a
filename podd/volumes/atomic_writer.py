"""Write a projected volume so readers see one whole version at a time (kubelet AtomicWriter).

Layout of a volume dir::

    ..2026_11_22_10_41_46.123456789/   the files of one version (mode 0755 dirs)
    ..data -> ..2026_11_22_10_41_46.123456789
    key -> ..data/key                  one symlink per top-level entry
    conf -> ..data/conf                (``conf/app.yaml`` in the payload)

An update (:meth:`AtomicWriter.write` = :meth:`~AtomicWriter.prepare` +
:meth:`~AtomicWriter.commit`):

1. validate the payload paths (relative, no ``..``, names ≤ 255, paths ≤ 4096);
2. compare with the current version: same files, bytes and modes → nothing
   to do (``False``);
3. write every file into a new timestamped dir, modes set exactly;
4. point ``..data_tmp`` at it and rename it over ``..data``: the one atomic
   step; a reader resolving ``key`` sees the old or the new version, whole;
5. add the symlinks of new top-level entries;
6. remove the symlinks of entries no longer present;
7. remove the old version's dir (a reader that opened its files keeps them).

As with the kubelet, a path lookup that went through ``..data`` just before
the swap and reaches the old dir just after step 7 fails with ENOENT; the
new version is in place by then, so retrying the lookup finds it. Keeping
old versions longer would leave an old Secret value readable.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import secrets
import shutil
import stat
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import msgspec

from podd.volumes.errors import ProjectionError

__all__ = [
    "DATA_DIR",
    "DATA_TMP",
    "AtomicWriter",
    "FileProjection",
    "Payload",
    "PendingWrite",
    "validate_payload_path",
]

DATA_DIR = "..data"
DATA_TMP = "..data_tmp"
MAX_PATH_LENGTH = 4096
MAX_NAME_LENGTH = 255
_DIR_MODE = 0o755
_MAX_WALK = 100_000  # entries looked at in an old version
_MKDIR_ATTEMPTS = 16


class FileProjection(NamedTuple):
    """One file of a projected volume: its bytes and its mode."""

    data: bytes
    mode: int


Payload = dict[str, FileProjection]


class PendingWrite(msgspec.Struct, frozen=True):
    """A new version written to ``ts_dir``, not yet visible."""

    ts_dir: str
    old_ts_dir: str | None
    visible: list[str]
    stale: list[str]


def validate_payload_path(path: str) -> str:
    """The kubelet's ``validatePath``; returns the cleaned path."""
    if not path:
        raise ProjectionError(f"invalid path: must not be empty: {path!r}")
    if posixpath.isabs(path):
        raise ProjectionError(f"invalid path: must be relative path: {path}")
    if len(path) > MAX_PATH_LENGTH:
        raise ProjectionError(
            f"invalid path: must be less than or equal to {MAX_PATH_LENGTH} characters"
        )
    items = path.split("/")
    for item in items:
        if item == "..":
            raise ProjectionError(f"invalid path: must not contain '..': {path}")
        if len(item.encode()) > MAX_NAME_LENGTH:
            raise ProjectionError(
                f"invalid path: filenames must be less than or equal to {MAX_NAME_LENGTH} "
                "characters"
            )
    if items[0].startswith("..") and len(items[0]) > 2:
        raise ProjectionError(f"invalid path: must not start with '..': {path}")
    cleaned = posixpath.normpath(path)
    if cleaned in (".", "") or "\0" in cleaned:
        raise ProjectionError(f"invalid path: {path!r}")
    return cleaned


def _clean(payload: Mapping[str, FileProjection | tuple[bytes, int]]) -> Payload:
    clean: Payload = {}
    for path, entry in payload.items():
        data, mode = entry
        if not 0 <= mode <= 0o7777:
            raise ProjectionError(f"invalid mode {mode:o} for {path}")
        clean[validate_payload_path(path)] = FileProjection(bytes(data), mode)
    files = set(clean)
    for path in clean:  # a file may not also be a directory of another path
        parent = posixpath.dirname(path)
        while parent:
            if parent in files:
                raise ProjectionError(f"invalid payload: {parent} is both a file and a directory")
            parent = posixpath.dirname(parent)
    return clean


def _top(path: str) -> str:
    return path.split("/", 1)[0]


class AtomicWriter:
    """Writes payloads into ``target_dir`` (which must exist)."""

    def __init__(self, target_dir: str | Path) -> None:
        self.target = Path(target_dir)

    def current(self) -> Path | None:
        """The dir of the visible version, if there is one."""
        try:
            name = os.readlink(self.target / DATA_DIR)
        except (FileNotFoundError, OSError):
            return None
        return self.target / name

    def read(self) -> Payload:
        """The visible version, as a payload (files only)."""
        current = self.current()
        return {} if current is None else _read_tree(current)

    def write(self, payload: Mapping[str, FileProjection | tuple[bytes, int]]) -> bool:
        """Make ``payload`` the visible version; ``False`` when it already was."""
        pending = self.prepare(payload)
        if pending is None:
            self._link_visible(sorted({_top(p) for p in _clean(payload)}))
            return False
        self.commit(pending)
        return True

    def prepare(
        self, payload: Mapping[str, FileProjection | tuple[bytes, int]]
    ) -> PendingWrite | None:
        """Steps 1-3: the new version written aside, or ``None`` if unchanged."""
        clean = _clean(payload)
        old = self.current()
        if old is not None and old.is_dir():
            existing = _read_tree(old)
            if existing == clean:
                return None
        visible = sorted({_top(p) for p in clean})
        stale: list[str] = []
        if old is not None:
            stale = sorted({_top(p) for p in _list_tree(old)} - set(visible))
        ts_dir = self._new_ts_dir()
        try:
            for path, (data, mode) in clean.items():
                full = ts_dir / path
                _make_dirs(ts_dir, full.parent)
                fd = os.open(
                    full, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
                )
                try:
                    view = memoryview(data)
                    while view:
                        written = os.write(fd, view)
                        view = view[written:]
                    os.fchmod(fd, mode)
                finally:
                    os.close(fd)
        except BaseException:
            shutil.rmtree(ts_dir, ignore_errors=True)
            raise
        return PendingWrite(
            ts_dir=ts_dir.name,
            old_ts_dir=old.name if old is not None else None,
            visible=visible,
            stale=stale,
        )

    def commit(self, pending: PendingWrite) -> None:
        """Steps 4-7: swap ``..data`` atomically, then tidy up."""
        tmp = self.target / DATA_TMP
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(pending.ts_dir, tmp)
        try:
            os.rename(tmp, self.target / DATA_DIR)
        except OSError:
            tmp.unlink(missing_ok=True)
            shutil.rmtree(self.target / pending.ts_dir, ignore_errors=True)
            raise
        self._link_visible(pending.visible)
        for name in pending.stale:
            link = self.target / name
            if link.is_symlink() and os.readlink(link).startswith(DATA_DIR + "/"):
                link.unlink(missing_ok=True)
        if pending.old_ts_dir and pending.old_ts_dir != pending.ts_dir:
            shutil.rmtree(self.target / pending.old_ts_dir, ignore_errors=True)

    def _link_visible(self, names: list[str]) -> None:
        for name in names:
            link = self.target / name
            if os.path.lexists(link):
                if not link.is_symlink():
                    raise ProjectionError(f"cannot project {name}: a non-symlink is in the way")
                continue
            os.symlink(f"{DATA_DIR}/{name}", link)

    def _new_ts_dir(self) -> Path:
        stamp = datetime.now(UTC).strftime("..%Y_%m_%d_%H_%M_%S.")
        for _ in range(_MKDIR_ATTEMPTS):
            path = self.target / f"{stamp}{secrets.randbelow(10**9):09d}"
            try:
                path.mkdir(mode=_DIR_MODE)
            except FileExistsError:
                continue
            os.chmod(path, _DIR_MODE)
            return path
        raise ProjectionError(f"cannot create a new version dir in {self.target}")


def _make_dirs(root: Path, path: Path) -> None:
    missing = []
    while path != root and not path.is_dir():
        missing.append(path)
        path = path.parent
    for p in reversed(missing):
        p.mkdir(mode=_DIR_MODE)
        os.chmod(p, _DIR_MODE)


def _list_tree(root: Path) -> list[str]:
    out: list[str] = []
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for name in filenames + dirnames:
            count += 1
            if count > _MAX_WALK:
                return out
            out.append(name if rel == "." else f"{rel}/{name}")
    return out


def _read_tree(root: Path) -> Payload:
    found: Payload = {}
    for rel in _list_tree(root):
        full = root / rel
        st = full.lstat()
        if stat.S_ISREG(st.st_mode):
            found[rel] = FileProjection(full.read_bytes(), stat.S_IMODE(st.st_mode))
    return found
