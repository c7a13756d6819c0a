"""Log rotation: conmon cuts by size, podd keeps the last N files.

What conmon 2.1.6 does (``ctr_logging.c``): given ``--log-size-max S``, when
the next record would take the bytes written since its last rotation past S,
it closes the log fd, opens ``<log>.tmp`` with ``O_CREAT|O_TRUNC`` (following
symlinks), and renames ``<log>.tmp`` over ``<log>``. The old file is simply
unlinked: conmon keeps no rotated copy (``--log-rotate``/``--log-max-files``
only came with conmon 2.2). Its byte counter is not reset by a reopen
requested through its ctl fifo, so an external rename+reopen (the kubelet +
CRI-O way) would still be cut, and lost, by conmon every S bytes.

podd's design keeps conmon's exact, immediate size cut and makes it lossless
with symlinks, so that podd only has to re-arm it, never to copy or rename a
file conmon is writing:

* ``<n>.log`` is a symlink to the current data file ``<n>.log.<k>``;
* ``<n>.log.tmp`` is a symlink to the next, not yet existing data file
  (numbers grow; the next is ``max + 2`` so that an adoption, below, always
  has a number between);
* on rotation conmon's ``open`` creates the next data file through the
  ``.tmp`` symlink and its ``rename`` replaces the ``<n>.log`` symlink with
  it, so the old data file stays, under its number;
* :func:`sync_rotation` then re-arms ``<n>.log.tmp`` and deletes the oldest
  data files beyond ``max_files`` (the current one counted, as the kubelet
  does). :class:`RotationWatcher` calls it as soon as inotify reports
  ``<n>.log`` replaced; the controller may also call it periodically.

If podd is not there to re-arm (stopped, or slow), a rotation still keeps the
previous data file (the symlink is what gets replaced); ``<n>.log`` becomes a
plain file, which the next sync *adopts* (a hard link under the next number,
then the name atomically turned into a symlink to it). Only a second
rotation before any sync loses a file, so the disk stays bounded even with
podd down. A ``.tmp`` name is never removed or replaced by podd: conmon may
be between its ``open`` and ``rename``, and exits if the rename fails.
Rotated files are not compressed (the reader reads them as they are).

Before starting conmon, call :func:`prepare_log`; give conmon
:func:`conmon_log_args`; then :meth:`RotationWatcher.add` the log.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

import msgspec

from podd.inotify import IN_CREATE, IN_MOVED_TO, IN_Q_OVERFLOW, Inotify
from podd.logs.paths import rotated_seq

__all__ = [
    "DEFAULT_MAX_FILES",
    "DEFAULT_MAX_SIZE",
    "RotationPolicy",
    "RotationResult",
    "RotationWatcher",
    "conmon_log_args",
    "prepare_log",
    "sync_rotation",
]

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 5
_MAX_ENTRIES = 10_000  # directory entries looked at per sync
_LINK_ATTEMPTS = 16


class RotationPolicy(msgspec.Struct, frozen=True):
    """Size of one log file and how many files of an instance to keep (current included)."""

    max_size: int = DEFAULT_MAX_SIZE
    max_files: int = DEFAULT_MAX_FILES

    def __post_init__(self) -> None:
        if self.max_size < 1024:
            raise ValueError("log max size must be at least 1024 bytes")
        if self.max_files < 2:
            raise ValueError("log max files must be at least 2")


class RotationResult(msgspec.Struct, frozen=True):
    adopted: str | None = None
    armed: str | None = None
    removed: list[str] = msgspec.field(default_factory=list)


def conmon_log_args(log_path: str | Path, policy: RotationPolicy) -> list[str]:
    """The log arguments of conmon for this design."""
    return ["--log-path", f"k8s-file:{log_path}", "--log-size-max", str(policy.max_size)]


def _tmp(log_path: Path) -> Path:
    return log_path.with_name(log_path.name + ".tmp")


def _data(log_path: Path, seq: int) -> Path:
    return log_path.with_name(f"{log_path.name}.{seq}")


def _numbered(log_path: Path) -> dict[int, Path]:
    found: dict[int, Path] = {}
    try:
        with os.scandir(log_path.parent) as it:
            for i, entry in enumerate(it):
                if i >= _MAX_ENTRIES:
                    break
                seq = rotated_seq(log_path, entry.name)
                if seq is not None and entry.is_file(follow_symlinks=False):
                    found[seq] = Path(entry.path)
    except FileNotFoundError:
        pass
    return found


def _link_target_seq(log_path: Path, link: Path) -> int | None:
    try:
        target = os.readlink(link)
    except (FileNotFoundError, OSError):
        return None
    return rotated_seq(log_path, os.path.basename(target))


def prepare_log(log_path: str | Path) -> None:
    """Lay out ``<n>.log`` for conmon: a first data file, the symlink, the armed ``.tmp``.

    The container dir is created (mode 0700). An existing log is left as is.
    """
    log_path = Path(log_path)
    log_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.path.lexists(log_path):
        return
    seq = max(_numbered(log_path), default=0) + 1
    fd = os.open(_data(log_path, seq), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    os.close(fd)
    os.symlink(_data(log_path, seq).name, log_path)
    _arm(log_path, seq)


def _arm(log_path: Path, max_seq: int) -> str | None:
    """``<n>.log.tmp`` → ``<n>.log.<max+2>`` unless a ``.tmp`` exists already."""
    target = _data(log_path, max_seq + 2).name
    try:
        os.symlink(target, _tmp(log_path))
    except FileExistsError:
        return None
    return target


def _adopt(log_path: Path, numbered: dict[int, Path], armed: int | None) -> str | None:
    """Turn a plain ``<n>.log`` into a symlink to a hard link of it under the next number."""
    top = max(numbered, default=0)
    seq = top + 1
    if armed is not None and seq >= armed:
        seq = max(top, armed) + 1
    st = log_path.lstat()
    for _ in range(_LINK_ATTEMPTS):
        try:
            os.link(log_path, _data(log_path, seq), follow_symlinks=False)
            break
        except FileExistsError:
            seq += 1
    else:
        return None
    staging = log_path.with_name(log_path.name + ".adopt")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    os.symlink(_data(log_path, seq).name, staging)
    now = log_path.lstat()
    if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):  # conmon rotated meanwhile
        staging.unlink()
        return None
    os.replace(staging, log_path)
    return _data(log_path, seq).name


def sync_rotation(log_path: str | Path, policy: RotationPolicy) -> RotationResult:
    """Adopt a plain ``<n>.log``, re-arm ``.tmp``, remove data files beyond the policy.

    Idempotent and cheap (a directory listing and a few syscalls); safe to
    call while conmon writes. Does nothing when the log does not exist.
    """
    log_path = Path(log_path)
    try:
        st = log_path.lstat()
    except FileNotFoundError:
        return RotationResult()
    numbered = _numbered(log_path)
    tmp = _tmp(log_path)
    armed = _link_target_seq(log_path, tmp) if tmp.is_symlink() else None
    adopted = None
    if stat.S_ISREG(st.st_mode):
        adopted = _adopt(log_path, numbered, armed)
        numbered = _numbered(log_path)
    armed_name = _arm(log_path, max(numbered, default=0))
    # Prune: the data files are the numbered ones, plus <n>.log while it is
    # a plain file; the current one (the symlink's target) always stays.
    plain = stat.S_ISREG(log_path.lstat().st_mode)
    current = None if plain else _link_target_seq(log_path, log_path)
    keep = max(1, policy.max_files - (1 if plain else 0))
    seqs = sorted(numbered)
    removed: list[str] = []
    for seq in seqs[: max(0, len(seqs) - keep)]:
        if seq == current:
            continue
        with contextlib.suppress(FileNotFoundError):
            numbered[seq].unlink()
            removed.append(numbered[seq].name)
    return RotationResult(adopted=adopted, armed=armed_name, removed=removed)


class RotationWatcher:
    """Re-arms logs as soon as conmon rotates them (one inotify fd for all).

    ``add`` a log after :func:`prepare_log`, ``remove`` it when the instance
    is gone; run :meth:`run` as a task for podd's lifetime (cancel to stop).
    :meth:`sync_all` is the periodic fallback (e.g. every 10 s, as the
    kubelet checks).
    """

    def __init__(self, policy: RotationPolicy | None = None) -> None:
        self.policy = policy or RotationPolicy()
        self._ino: Inotify | None = None
        self._dirs: dict[Path, int] = {}  # dir → watch descriptor
        self._by_wd: dict[int, Path] = {}
        self._logs: dict[Path, set[str]] = {}  # dir → log names watched there

    def _inotify(self) -> Inotify:
        if self._ino is None:
            self._ino = Inotify()
        return self._ino

    def add(self, log_path: str | Path) -> RotationResult:
        log_path = Path(log_path)
        directory = log_path.parent
        if directory not in self._dirs:
            wd = self._inotify().add_watch(directory, IN_MOVED_TO | IN_CREATE, only_dir=True)
            self._dirs[directory] = wd
            self._by_wd[wd] = directory
        self._logs.setdefault(directory, set()).add(log_path.name)
        return sync_rotation(log_path, self.policy)

    def remove(self, log_path: str | Path) -> None:
        log_path = Path(log_path)
        directory = log_path.parent
        names = self._logs.get(directory)
        if names is None:
            return
        names.discard(log_path.name)
        if not names:
            del self._logs[directory]
            wd = self._dirs.pop(directory)
            self._by_wd.pop(wd, None)
            if self._ino is not None:
                self._ino.rm_watch(wd)

    def remove_dir(self, directory: str | Path) -> None:
        """Forget every log under ``directory`` (a pod or container log dir)."""
        directory = Path(directory)
        for d in [d for d in self._logs if d == directory or directory in d.parents]:
            for name in list(self._logs.get(d, ())):
                self.remove(d / name)

    def logs(self) -> Iterable[Path]:
        return [d / name for d, names in self._logs.items() for name in names]

    def sync_all(self) -> list[RotationResult]:
        results = []
        for log_path in self.logs():
            try:
                results.append(sync_rotation(log_path, self.policy))
            except OSError as exc:
                if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                    raise
        return results

    async def run(self) -> None:
        """React to rotations until cancelled."""
        ino = self._inotify()
        while True:
            events = await ino.wait()
            overflow = any(ev.mask & IN_Q_OVERFLOW for ev in events)
            if overflow:
                self.sync_all()
                continue
            touched: set[Path] = set()
            for ev in events:
                directory = self._by_wd.get(ev.wd)
                if directory is not None and ev.name in self._logs.get(directory, ()):
                    touched.add(directory / ev.name)
            for log_path in touched:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    sync_rotation(log_path, self.policy)

    def close(self) -> None:
        if self._ino is not None:
            self._ino.close()
            self._ino = None
        self._dirs.clear()
        self._by_wd.clear()
        self._logs.clear()
