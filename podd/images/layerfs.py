"""Writing one layer's entries to disk without ever leaving the layer.

:class:`LayerWriter` creates every entry relative to a directory fd reached
component by component with ``O_NOFOLLOW`` (so a symlink in the layer is
never written through), refuses ``..`` and absolute names, checks hardlink
targets, converts whiteouts, skips device nodes, and sets owner, mode,
xattrs and mtime (directories' mode and mtime last, deepest first).
:func:`remove_tree` removes a tree whatever its modes.
"""

from __future__ import annotations

import errno
import os
import stat
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import msgspec

from podd.images.errors import TarSafetyError, UnpackError

WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"
OPAQUE_XATTR = "user.overlay.opaque"
MAX_NOTES = 50
_CHUNK = 1 << 20
T = TypeVar("T")
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


_ONLY_ROOT: list[bool] = []


def only_root_mapped(proc: str = "/proc/self/uid_map") -> bool:
    """True in a user namespace that maps a single id (a host without
    subordinate ids: podd's fallback, where other owners cannot exist)."""
    if not _ONLY_ROOT:
        try:
            with open(proc) as f:
                lines = [ln.split() for ln in f if ln.strip()]
            _ONLY_ROOT.append(len(lines) == 1 and lines[0][2] == "1")
        except (OSError, IndexError):
            _ONLY_ROOT.append(False)
    return _ONLY_ROOT[0]


class UnpackReport(msgspec.Struct):
    """What an extraction did; JSON on the helper's stdout."""

    diff_id: str
    uncompressed_size: int
    entries: int
    compression: str
    whiteouts: int = 0
    opaque_dirs: int = 0
    skipped_devices: int = 0
    unowned: int = 0
    notes: list[str] = msgspec.field(default_factory=list)


def split_name(name: str, *, what: str = "entry") -> tuple[str, ...]:
    if name.startswith("/"):
        raise TarSafetyError(f"{what} {name!r} has an absolute path")
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if ".." in parts:
        raise TarSafetyError(f"{what} {name!r} has a '..' component")
    return parts


class LayerWriter:
    def __init__(self, root_fd: int, report: UnpackReport) -> None:
        self.root_fd = root_fd
        self.report = report
        self.as_root = os.geteuid() == 0
        self._dirs: dict[tuple[str, ...], int] = {}
        self._deferred: dict[tuple[str, ...], tuple[int, int]] = {}

    # -- bookkeeping ------------------------------------------------------

    def note(self, text: str) -> None:
        notes = self.report.notes
        if len(notes) < MAX_NOTES:
            notes.append(text)

    def close(self) -> None:
        for fd in self._dirs.values():
            os.close(fd)
        self._dirs.clear()

    def trim(self) -> None:
        """Bound the fd cache; called between entries, when no fd is borrowed."""
        if len(self._dirs) > 64:
            self.close()

    def _invalidate(self, parts: tuple[str, ...]) -> None:
        n = len(parts)
        for key in [k for k in self._dirs if k[:n] == parts]:
            os.close(self._dirs.pop(key))

    # -- safe directory walking ---------------------------------------------

    def dir_fd(self, parts: tuple[str, ...], *, create: bool = True) -> int:
        """A borrowed fd of the directory ``parts`` (no symlink followed; cached)."""
        if not parts:
            return self.root_fd
        hit = self._dirs.get(parts)
        if hit is not None:
            return hit
        parent = self.dir_fd(parts[:-1], create=create)
        name = parts[-1]
        try:
            fd = os.open(name, DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            if not create:
                raise
            os.mkdir(name, 0o755, dir_fd=parent)
            fd = os.open(name, DIR_FLAGS, dir_fd=parent)
            os.fchmod(fd, 0o755)
        except OSError as e:
            if e.errno in (errno.ENOTDIR, errno.ELOOP):
                raise TarSafetyError(
                    f"{'/'.join(parts)!r} is a symlink or a file, not a directory: "
                    "refusing to write through it"
                ) from None
            raise
        self._dirs[parts] = fd
        return fd

    def _lstat(self, parent: int, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=parent, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def remove_tree_at(self, parent: int, name: str, depth: int = 0) -> None:
        if depth > 512:
            raise UnpackError("directory nesting too deep to remove")
        fd = os.open(name, DIR_FLAGS, dir_fd=parent)
        try:
            os.fchmod(fd, 0o700)
            with os.scandir(fd) as it:
                children = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
            for child, is_dir in children:
                if is_dir:
                    self.remove_tree_at(fd, child, depth + 1)
                else:
                    os.unlink(child, dir_fd=fd)
        finally:
            os.close(fd)
        os.rmdir(name, dir_fd=parent)

    def create(self, parts: tuple[str, ...], make: Callable[[], T]) -> T:
        """Run ``make`` (an exclusive create); if the name exists, clear it and retry."""
        try:
            return make()
        except FileExistsError:
            self.clear(parts)
            return make()

    def clear(self, parts: tuple[str, ...], *, keep_dir: bool = False) -> bool:
        """Make room for a new entry at ``parts``; True if a directory was kept."""
        parent = self.dir_fd(parts[:-1])
        st = self._lstat(parent, parts[-1])
        if st is None:
            return False
        if stat.S_ISDIR(st.st_mode):
            if keep_dir:
                return True
            self._invalidate(parts)
            n = len(parts)
            for key in [k for k in self._deferred if k[:n] == parts]:
                del self._deferred[key]
            self.remove_tree_at(parent, parts[-1])
        else:
            os.unlink(parts[-1], dir_fd=parent)
        return False

    # -- metadata ---------------------------------------------------------

    def chown(self, path: str, uid: int, gid: int, *, fd: int = -1, parent: int = -1) -> None:
        if not self.as_root and uid == 0 and gid == 0:
            return  # the user's own uid is root in the pods' namespace
        try:
            if fd >= 0:
                os.fchown(fd, uid, gid)
            else:
                os.chown(path.rsplit("/", 1)[-1], uid, gid, dir_fd=parent, follow_symlinks=False)
        except OSError as e:
            if self.as_root and not (e.errno == errno.EINVAL and only_root_mapped()):
                raise UnpackError(
                    f"cannot give {path!r} owner {uid}:{gid}: {e.strerror} "
                    "(is the id mapped in the user namespace?)"
                ) from None
            self.report.unowned += 1
            if self.report.unowned == 1:
                why = "only root is mapped" if self.as_root else "not root in a user namespace"
                self.note(f"ownership not set ({why}), first: {path}")

    def xattrs(self, path: str, fd: int, member: tarfile.TarInfo) -> None:
        for key, value in member.pax_headers.items():
            if not key.startswith("SCHILY.xattr."):
                continue
            name = key[len("SCHILY.xattr.") :]
            if ".overlay." in name:
                self.note(f"dropped overlay xattr {name} on {path}")
                continue
            try:
                os.setxattr(fd, name, value.encode("utf-8", "surrogateescape"))
            except OSError as e:
                self.note(f"xattr {name} not set on {path}: {e.strerror}")

    # -- entries ------------------------------------------------------------

    def entry(self, tf: tarfile.TarFile, m: tarfile.TarInfo) -> None:
        self.trim()
        parts = split_name(m.name)
        path = "/".join(parts) or "."
        if not parts:
            if m.isdir():
                self.chown(path, m.uid, m.gid, fd=self.root_fd)
                self._deferred[()] = (m.mode & 0o7777, int(m.mtime * 1e9))
            return
        name = parts[-1]
        if name == OPAQUE_MARKER:
            fd = self.dir_fd(parts[:-1])
            os.setxattr(fd, OPAQUE_XATTR, b"y")
            self.report.opaque_dirs += 1
            return
        if name.startswith(WHITEOUT_PREFIX):
            self.whiteout(parts, path)
            return
        parent = self.dir_fd(parts[:-1])
        if m.isdir():
            try:
                os.mkdir(name, 0o700, dir_fd=parent)
            except FileExistsError:
                if not self.clear(parts, keep_dir=True):
                    os.mkdir(name, 0o700, dir_fd=parent)
            fd = os.open(name, DIR_FLAGS, dir_fd=parent)
            try:
                os.fchmod(fd, 0o755)
                self.chown(path, m.uid, m.gid, fd=fd)
                self.xattrs(path, fd, m)
            finally:
                os.close(fd)
            self._deferred[parts] = (m.mode & 0o7777, int(m.mtime * 1e9))
        elif m.isreg():
            self.regular(tf, m, parts, path)
        elif m.issym():
            self.create(parts, lambda: os.symlink(m.linkname, name, dir_fd=parent))
            self.chown(path, m.uid, m.gid, parent=parent)
            ns = int(m.mtime * 1e9)
            os.utime(name, ns=(ns, ns), dir_fd=parent, follow_symlinks=False)
        elif m.islnk():
            self.hardlink(m, parts, path)
        elif m.isfifo():
            self.create(parts, lambda: os.mkfifo(name, 0o600, dir_fd=parent))
            self._finish_special(m, parent, name, path)
        elif m.ischr() or m.isblk():
            self.report.skipped_devices += 1
            kind = "c" if m.ischr() else "b"
            self.note(f"skipped device node {path} ({kind} {m.devmajor}:{m.devminor})")
        else:
            self.note(f"skipped {path}: unsupported tar entry type {m.type!r}")

    def regular(
        self, tf: tarfile.TarFile, m: tarfile.TarInfo, parts: tuple[str, ...], path: str
    ) -> None:
        parent, name = self.dir_fd(parts[:-1]), parts[-1]
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = self.create(parts, lambda: os.open(name, flags, 0o600, dir_fd=parent))
        try:
            src = tf.extractfile(m)
            if src is not None:
                for _ in range(m.size // _CHUNK + 2):
                    data = src.read(_CHUNK)
                    if not data:
                        break
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view) :]
            self.chown(path, m.uid, m.gid, fd=fd)
            os.fchmod(fd, m.mode & 0o7777)
            self.xattrs(path, fd, m)
            ns = int(m.mtime * 1e9)
            os.utime(fd, ns=(ns, ns))
        finally:
            os.close(fd)

    def hardlink(self, m: tarfile.TarInfo, parts: tuple[str, ...], path: str) -> None:
        target = split_name(m.linkname, what=f"hardlink {path} →")
        if not target:
            raise TarSafetyError(f"hardlink {path!r} points at the layer root")
        try:
            tparent = self.dir_fd(target[:-1], create=False)
        except FileNotFoundError:
            tparent = -1
        st = self._lstat(tparent, target[-1]) if tparent >= 0 else None
        if st is None:
            raise TarSafetyError(f"hardlink {path!r} → {m.linkname!r}: target is not in this layer")
        if stat.S_ISDIR(st.st_mode):
            raise TarSafetyError(f"hardlink {path!r} → {m.linkname!r}: target is a directory")
        parent, name = self.dir_fd(parts[:-1]), parts[-1]
        existing = self._lstat(parent, name)
        if existing is not None and (existing.st_ino, existing.st_dev) == (st.st_ino, st.st_dev):
            return
        self.clear(parts)
        os.link(target[-1], name, src_dir_fd=tparent, dst_dir_fd=parent, follow_symlinks=False)

    def whiteout(self, parts: tuple[str, ...], path: str) -> None:
        name = parts[-1]
        if name.startswith(WHITEOUT_PREFIX + WHITEOUT_PREFIX):
            self.note(f"ignored aufs metadata entry {path}")
            return
        target = name[len(WHITEOUT_PREFIX) :]
        if target in ("", ".", ".."):
            raise TarSafetyError(f"whiteout {path!r} names no entry")
        parent = self.dir_fd(parts[:-1])
        existing = self._lstat(parent, target)
        if existing is not None:
            # made earlier by this very layer: a whiteout only hides the lower
            # layers' entry (OCI image spec), which this one already covers;
            # a directory must not show the lower one's content through it
            if stat.S_ISDIR(existing.st_mode):
                fd = self.dir_fd((*parts[:-1], target))
                os.setxattr(fd, OPAQUE_XATTR, b"y")
                self.report.opaque_dirs += 1
            return
        try:
            os.mknod(target, stat.S_IFCHR | 0o000, os.makedev(0, 0), dir_fd=parent)
        except PermissionError as e:
            if self.as_root:
                raise UnpackError(f"cannot create whiteout for {path!r}: {e.strerror}") from None
            self.note(f"whiteout {path} not created (needs root in a user namespace)")
            return
        self.report.whiteouts += 1

    def _finish_special(self, m: tarfile.TarInfo, parent: int, name: str, path: str) -> None:
        fd = os.open(
            name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent
        )
        try:
            self.chown(path, m.uid, m.gid, fd=fd)
            os.fchmod(fd, m.mode & 0o7777)
            ns = int(m.mtime * 1e9)
            os.utime(fd, ns=(ns, ns))
        finally:
            os.close(fd)

    def finish_dirs(self) -> None:
        """Apply directory modes and mtimes, deepest first."""
        self.close()
        for parts in sorted(self._deferred, key=len, reverse=True):
            mode, ns = self._deferred[parts]
            try:
                fd = self.dir_fd(parts, create=False)
            except (FileNotFoundError, TarSafetyError):
                continue  # replaced by a later entry of another type
            os.fchmod(fd, mode)
            os.utime(fd, ns=(ns, ns))
            self.close()


def remove_tree(path: os.PathLike[str] | str) -> None:
    """Remove a directory tree whatever its modes (no symlink followed)."""
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(p)
        return
    parent = os.open(p.parent, DIR_FLAGS)
    try:
        ex = LayerWriter(
            parent, UnpackReport(diff_id="", uncompressed_size=0, entries=0, compression="")
        )
        ex.remove_tree_at(parent, p.name)
    finally:
        os.close(parent)
