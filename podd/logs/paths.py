"""Where container logs live (pure path helpers, plus listing and removal).

Layout under the data dir (``$XDG_DATA_HOME/podd``)::

    logs/<namespace>_<pod>_<uid>/          one dir per pod
        <container>/                       one dir per container
            0.log                          instance 0 (restartCount 0): a symlink to
            0.log.1                          its newest data file (see podd.logs.rotate)
            0.log.3                        data files, oldest first by number
            0.log.tmp                      symlink prepared for conmon's next rotation
            1.log -> 1.log.1               instance 1 (after one restart) ...

``<n>.log`` is what conmon is given (``--log-path k8s-file:.../<n>.log``);
it may also be a plain file (conmon created it, or rotated while podd was
not looking): :func:`log_files` lists the data files of an instance in
order either way, and :func:`served_files` those a reader shows (no hole).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

from podd.logs.continuity import Continuity, continuity

__all__ = [
    "container_log_dir",
    "container_log_path",
    "instance_restart_counts",
    "latest_log_path",
    "log_files",
    "pod_log_dir",
    "previous_log_path",
    "prune_instances",
    "remove_pod_logs",
    "rotated_seq",
    "served_files",
]

_INSTANCE = re.compile(r"(\d+)\.log")
_MAX_LISTED = 100_000  # entries looked at in one directory listing


def _component(value: str, what: str) -> str:
    if not value or "/" in value or "\0" in value or value in (".", ".."):
        raise ValueError(f"invalid {what} for a log path: {value!r}")
    return value


def pod_log_dir(data_dir: str | Path, namespace: str, name: str, uid: str) -> Path:
    """``<data>/logs/<namespace>_<name>_<uid>`` (the kubelet's pod log dir name)."""
    parts = (
        _component(namespace, "namespace"),
        _component(name, "pod name"),
        _component(uid, "pod uid"),
    )
    return Path(data_dir) / "logs" / "_".join(parts)


def container_log_dir(pod_dir: str | Path, container: str) -> Path:
    return Path(pod_dir) / _component(container, "container name")


def container_log_path(pod_dir: str | Path, container: str, restart_count: int) -> Path:
    """``<pod dir>/<container>/<restartCount>.log``: the path conmon writes."""
    if restart_count < 0:
        raise ValueError(f"restart count must not be negative: {restart_count}")
    return container_log_dir(pod_dir, container) / f"{restart_count}.log"


def previous_log_path(pod_dir: str | Path, container: str, restart_count: int) -> Path | None:
    """The log of the previous instance (``restartCount - 1``), ``None`` for the first one."""
    if restart_count < 1:
        return None
    return container_log_path(pod_dir, container, restart_count - 1)


def instance_restart_counts(container_dir: str | Path) -> list[int]:
    """Restart counts that have a ``<n>.log`` in the container dir, ascending."""
    counts: list[int] = []
    try:
        with os.scandir(container_dir) as it:
            for i, entry in enumerate(it):
                if i >= _MAX_LISTED:
                    break
                m = _INSTANCE.fullmatch(entry.name)
                if m:
                    counts.append(int(m.group(1)))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(counts)


def latest_log_path(container_dir: str | Path) -> Path | None:
    """The ``<n>.log`` of the newest instance in ``container_dir``, if any."""
    counts = instance_restart_counts(container_dir)
    return Path(container_dir) / f"{counts[-1]}.log" if counts else None


def rotated_seq(log_path: Path, name: str) -> int | None:
    """The number of a data file name of ``log_path`` (``0.log.12`` → 12), else ``None``."""
    prefix = log_path.name + "."
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix) :]
    return int(rest) if rest.isdigit() and len(rest) < 19 else None


def log_files(log_path: str | Path) -> list[Path]:
    """The data files of one container instance, oldest first.

    The numbered ``<n>.log.<k>`` files by number, then ``<n>.log`` itself when
    it is a plain file (not yet adopted by the rotator). A file reachable
    under two names (during adoption) is listed once, under its number.
    """
    log_path = Path(log_path)
    numbered: list[tuple[int, Path]] = []
    try:
        with os.scandir(log_path.parent) as it:
            for i, entry in enumerate(it):
                if i >= _MAX_LISTED:
                    break
                seq = rotated_seq(log_path, entry.name)
                if seq is not None and entry.is_file(follow_symlinks=False):
                    numbered.append((seq, Path(entry.path)))
    except (FileNotFoundError, NotADirectoryError):
        return []
    numbered.sort()
    files = [p for _, p in numbered]
    try:
        st = log_path.lstat()
    except FileNotFoundError:
        return files
    if stat.S_ISREG(st.st_mode):
        seen = set()
        for p in files:
            try:
                s = p.stat()
            except FileNotFoundError:
                continue
            seen.add((s.st_dev, s.st_ino))
        if (st.st_dev, st.st_ino) not in seen:
            files.append(log_path)
    return files


def served_files(log_path: str | Path) -> list[Path]:
    """The data files of an instance that a reader shows: :func:`log_files`,
    without the files before a possible hole.

    A plain ``<n>.log`` not adopted yet, after older files, means conmon
    rotated while podd was late or away: lines may be missing between them.
    Unless the records show it follows on (:mod:`podd.logs.continuity`), it
    is shown alone, as the next rotation sync will leave it.
    """
    log_path = Path(log_path)
    files = log_files(log_path)
    if len(files) < 2 or files[-1] != log_path:
        return files
    for older in reversed(files[:-1]):
        try:
            if older.stat().st_size == 0:
                continue
            verdict = continuity(older, log_path)
        except FileNotFoundError:  # pruned or replaced meanwhile: look again next time
            return files[-1:]
        return files if verdict is Continuity.PROVEN else files[-1:]
    return files


def prune_instances(container_dir: str | Path, keep_from: int) -> list[int]:
    """Remove the logs of instances older than ``keep_from`` (a restart count).

    The kubelet keeps the current and the previous instance; call with
    ``restartCount - 1``. Returns the restart counts removed.
    """
    container_dir = Path(container_dir)
    removed: list[int] = []
    for count in instance_restart_counts(container_dir):
        if count >= keep_from:
            continue
        log_path = container_dir / f"{count}.log"
        for p in log_files(log_path):
            p.unlink(missing_ok=True)
        for extra in (log_path, container_dir / f"{count}.log.tmp"):
            extra.unlink(missing_ok=True)
        removed.append(count)
    return removed


def remove_pod_logs(data_dir: str | Path, namespace: str, name: str, uid: str) -> bool:
    """Remove a pod's log dir (with the pod); ``True`` if there was one.

    Log files are written by conmon as the user's own uid, so no user
    namespace is needed to remove them.
    """
    path = pod_log_dir(data_dir, namespace, name, uid)
    if not path.exists():
        return False
    shutil.rmtree(path)
    return True
