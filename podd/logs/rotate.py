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
with links, so that podd never copies, renames or truncates a file conmon
is writing:

* ``<n>.log`` is a symlink to the current data file ``<n>.log.<k>``;
* ``<n>.log.tmp`` is a symlink to the next, not yet existing data file
  (numbers grow; the next is ``max + 2`` so that an adoption, below, always
  has a number between);
* on rotation conmon's ``open`` creates the next data file through the
  ``.tmp`` symlink and its ``rename`` replaces the ``<n>.log`` symlink with
  it, so the old data file stays, under its number;
* :func:`sync_rotation` then re-arms ``<n>.log.tmp`` and deletes the oldest
  data files beyond ``max_files`` (the current one counted, as the kubelet
  does). :class:`~podd.logs.rotation_watcher.RotationWatcher` calls it as
  soon as inotify reports ``<n>.log`` replaced, and every few seconds.

If podd is not there to re-arm (stopped, or slow), a rotation still keeps the
previous data file (the symlink is what gets replaced); ``<n>.log`` becomes a
plain file, which the next sync *adopts*: a hard link under the next number
(``<n>.log`` stays as it is until conmon's next rotation replaces it). A
second rotation before any sync unlinks that plain file: its lines are lost.
So the disk stays bounded with podd down (at most ``max_files`` + 2 files),
but the log may have a hole before the file adopted. The records tell only
sometimes (:mod:`podd.logs.continuity`); when they cannot show that the
adopted file follows the newest kept one, the older files are dropped, so
that what is served is contiguous, ending with the newest line. (Until the
sync that adopts runs, a reader may see the hole; a podd killed between
linking a file and deciding leaves that one boundary unchecked.)

A ``.tmp`` name is never removed or replaced by podd: conmon may be between
its ``open`` and ``rename``, and exits if the rename fails. Rotated files
are not compressed (the reader reads them as they are).

Before starting conmon, call :func:`prepare_log`; give conmon
:func:`conmon_log_args`; then watch the log.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

import msgspec

from podd.logs.continuity import Continuity, continuity
from podd.logs.paths import rotated_seq

__all__ = [
    "DEFAULT_MAX_FILES",
    "DEFAULT_MAX_SIZE",
    "RotationPolicy",
    "RotationResult",
    "conmon_log_args",
    "prepare_log",
    "rearm",
    "sync_rotation",
]

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 5
MIN_MAX_SIZE = 1024
MIN_MAX_FILES = 2
_MAX_ENTRIES = 10_000  # directory entries looked at per sync
_LINK_ATTEMPTS = 16
_ROUNDS = 8  # adopt/arm rounds per sync while conmon keeps rotating under it
_SETTLE_TRIES = 3
_SETTLE_PAUSE = 0.001


class RotationPolicy(msgspec.Struct, frozen=True):
    """Size of one log file and how many files of an instance to keep (current included)."""

    max_size: int = DEFAULT_MAX_SIZE
    max_files: int = DEFAULT_MAX_FILES

    def __post_init__(self) -> None:
        if self.max_size < MIN_MAX_SIZE:
            raise ValueError(f"log max size must be at least {MIN_MAX_SIZE} bytes")
        if self.max_files < MIN_MAX_FILES:
            raise ValueError(f"log max files must be at least {MIN_MAX_FILES}")


class RotationResult(msgspec.Struct, frozen=True):
    adopted: str | None = None  # the plain log, linked under this name
    armed: str | None = None  # what ``.tmp`` now points to, when this sync armed it
    removed: list[str] = msgspec.field(default_factory=list)
    gap: bool = False  # lines may be missing before ``adopted``: the older files were dropped
    settled: bool = True  # False: conmon kept rotating while this ran; sync again soon


def conmon_log_args(log_path: str | Path, policy: RotationPolicy) -> list[str]:
    """The log arguments of conmon for this design."""
    return ["--log-path", f"k8s-file:{log_path}", "--log-size-max", str(policy.max_size)]


def _tmp(log_path: Path) -> Path:
    return log_path.with_name(log_path.name + ".tmp")


def _data(log_path: Path, seq: int) -> Path:
    return log_path.with_name(f"{log_path.name}.{seq}")


def _numbered(log_path: Path) -> dict[int, tuple[Path, int]]:
    """Data files: number → (path, inode)."""
    found: dict[int, tuple[Path, int]] = {}
    try:
        with os.scandir(log_path.parent) as it:
            for i, entry in enumerate(it):
                if i >= _MAX_ENTRIES:
                    break
                seq = rotated_seq(log_path, entry.name)
                if seq is not None and entry.is_file(follow_symlinks=False):
                    found[seq] = (Path(entry.path), entry.inode())
    except FileNotFoundError:
        pass
    return found


def _link_target_seq(log_path: Path, link: Path) -> int | None:
    try:
        target = os.readlink(link)
    except OSError:
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


def rearm(log_path: str | Path) -> str | None:
    """The urgent half of a sync, for right after conmon's rename: ``.tmp``
    armed again when ``<n>.log`` is a symlink (a handful of syscalls, no
    listing: cheap enough for the event loop). A plain ``<n>.log`` is left
    to :func:`sync_rotation`."""
    log_path = Path(log_path)
    seq = _link_target_seq(log_path, log_path)
    if seq is None or os.path.lexists(_data(log_path, seq + 2)):
        return None
    armed = _arm(log_path, seq)
    if armed is not None:
        _link_if_just_rotated(log_path, seq)
    return armed


def _link_if_just_rotated(log_path: Path, top: int) -> int | None:
    """After arming: if conmon rotated, unarmed, since ``<n>.log`` was seen a
    symlink a moment ago, the plain file follows that file directly (a whole
    file cannot be written in between), so it is linked now, before the arm
    is used."""
    st = log_path.lstat()
    return _link(log_path, st, top) if stat.S_ISREG(st.st_mode) else None


def _previous(numbered: dict[int, tuple[Path, int]], ino: int) -> Path | None:
    """The newest data file with records, other than the plain log itself."""
    for seq in sorted(numbered, reverse=True):
        path, file_ino = numbered[seq]
        with contextlib.suppress(FileNotFoundError):
            if file_ino != ino and path.stat().st_size > 0:
                return path
    return None


def _link(log_path: Path, st: os.stat_result, top: int) -> int | None:
    """Link the plain ``<n>.log`` (``st``) under the number after ``top``;
    ``None`` when conmon replaced it meanwhile (look again)."""
    armed = _link_target_seq(log_path, _tmp(log_path))
    seq = top + 1 if armed is None or top + 1 < armed else max(top, armed) + 1
    for _ in range(_LINK_ATTEMPTS):
        try:
            os.link(log_path, _data(log_path, seq), follow_symlinks=False)
            break
        except FileExistsError:
            seq += 1
    else:
        return None
    linked = _data(log_path, seq)
    if linked.lstat().st_ino != st.st_ino:  # conmon rotated between the look and the link
        linked.unlink()
        return None
    return seq


def _settle(older: Path, newer: Path) -> Continuity:
    """The verdict once the newer file's first read is written (conmon writes
    a read at once: a few writes, microseconds apart)."""
    verdict = continuity(older, newer)
    for _ in range(_SETTLE_TRIES):
        if verdict is not Continuity.PENDING:
            break
        time.sleep(_SETTLE_PAUSE)
        verdict = continuity(older, newer)
    return verdict


def _drop(files: dict[int, tuple[Path, int]]) -> list[str]:
    removed = []
    for path, _ in files.values():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path.name)
    return removed


def _prune(log_path: Path, policy: RotationPolicy) -> list[str]:
    """Remove the oldest data files beyond the policy; never the current one."""
    numbered = _numbered(log_path)
    try:
        current = os.stat(log_path).st_ino  # through the symlink, or the plain file
    except FileNotFoundError:
        current = None
    inodes = {ino for _, ino in numbered.values()}
    unadopted = current is not None and current not in inodes and log_path.is_file()
    keep = max(1, policy.max_files - (1 if unadopted else 0))
    seqs = sorted(numbered)
    removed: list[str] = []
    for seq in seqs[: max(0, len(seqs) - keep)]:
        path, ino = numbered[seq]
        if ino == current:
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path.name)
    return removed


def sync_rotation(log_path: str | Path, policy: RotationPolicy) -> RotationResult:
    """Adopt a plain ``<n>.log``, re-arm ``.tmp``, remove data files beyond the policy.

    A directory listing and a few syscalls, plus two small reads when
    adopting (and a few milliseconds of waiting when the adopted file's first
    read is still being written); safe while conmon writes, from one thread
    at a time per log. Does nothing when the log does not exist.
    """
    log_path = Path(log_path)
    adopted: str | None = None
    armed: str | None = None
    removed: list[str] = []
    gap = settled = False
    floor = 0  # numbers only grow, also past files this sync dropped
    for _ in range(_ROUNDS):
        try:
            st = log_path.lstat()
        except FileNotFoundError:
            return RotationResult(adopted, armed, removed, gap, True)
        if stat.S_ISREG(st.st_mode):
            numbered = _numbered(log_path)
            floor = max(floor, *numbered) if numbered else floor
            if all(ino != st.st_ino for _, ino in numbered.values()):  # not linked yet
                prev = _previous(numbered, st.st_ino)
                # Decided before the link, older files dropped first: a reader
                # never sees the hole (paths.served_files hides it until then).
                if prev is not None and _settle(prev, log_path) is not Continuity.PROVEN:
                    gap = True
                    removed += _drop(numbered)
                seq = _link(log_path, st, floor)
                if seq is None:
                    continue  # conmon rotated again meanwhile: the next round looks
                adopted = _data(log_path, seq).name
        elif not stat.S_ISLNK(st.st_mode):
            return RotationResult(adopted, armed, removed, gap, True)
        top = max(_numbered(log_path), default=0)
        armed = _arm(log_path, top) or armed
        # Settled once conmon did not rotate while this ran: the same file is
        # <n>.log (a new plain one is adopted in the next round).
        try:
            if log_path.lstat().st_ino == st.st_ino:
                settled = True
                break
            if stat.S_ISLNK(st.st_mode):
                linked = _link_if_just_rotated(log_path, top)
                adopted = _data(log_path, linked).name if linked else adopted
        except FileNotFoundError:
            pass
    removed += _prune(log_path, policy)
    return RotationResult(adopted, armed, removed, gap, settled)
