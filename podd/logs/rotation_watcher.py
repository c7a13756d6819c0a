"""Re-arming conmon's log rotation as it happens (see :mod:`podd.logs.rotate`).

One inotify fd watches every container log dir for ``<n>.log`` being
replaced (conmon's rename). Right in the fd's reader callback, ``.tmp`` is
armed again (:func:`~podd.logs.rotate.rearm`: a handful of syscalls, so that
conmon's next rotation, maybe a millisecond away, finds it); the full sync
(adopting, pruning: listings, reads and unlinks) runs in one dedicated
thread, so the event loop never waits on file work. Every ``period``
seconds all logs are synced anyway (the kubelet checks its logs every
10 s): a missed event, an inotify queue overflow, or a podd too slow for
conmon still ends up adopted and pruned, and the disk stays bounded
meanwhile by design.
"""

from __future__ import annotations

import asyncio
import errno
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from podd.inotify import IN_CREATE, IN_IGNORED, IN_MOVED_TO, IN_Q_OVERFLOW, Inotify, InotifyEvent
from podd.logs.rotate import RotationPolicy, RotationResult, rearm, sync_rotation

__all__ = ["RETRY_DELAY", "SYNC_PERIOD", "RotationWatcher"]

log = logging.getLogger("podd.logs")

SYNC_PERIOD = 10.0
RETRY_DELAY = 0.01  # a sync left unsettled: conmon kept rotating while it ran


class RotationWatcher:
    """Keeps the logs it is given rotated by the policy, for podd's lifetime.

    :meth:`add` a log after :func:`~podd.logs.rotate.prepare_log` (or when a
    container is re-adopted: a sync follows at once); :meth:`remove` it when
    the instance is gone, then ``await`` :meth:`wait_idle` before deleting
    its files. Run :meth:`run` as a task; cancel it, then :meth:`close`.
    """

    def __init__(self, policy: RotationPolicy | None = None, *, period: float = SYNC_PERIOD):
        self.policy = policy or RotationPolicy()
        self.period = period
        self._ino: Inotify | None = None
        self._dirs: dict[Path, int] = {}  # dir → watch descriptor
        self._by_wd: dict[int, Path] = {}
        self._logs: dict[Path, set[str]] = {}  # dir → log names watched there
        self._dirty: set[Path] = set()  # logs to sync in the next batch
        self._retry: set[Path] = set()  # unsettled logs
        self._busy = asyncio.Lock()
        self._wake = asyncio.Event()
        self._executor: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _inotify(self) -> Inotify:
        if self._ino is None:
            self._ino = Inotify()
        return self._ino

    # -- what is watched -----------------------------------------------------
    def add(self, log_path: str | Path) -> None:
        """Watch ``log_path`` (its dir must exist) and sync it soon."""
        log_path = Path(log_path)
        directory = log_path.parent
        if directory not in self._dirs:
            ino = self._inotify()
            wd = ino.add_watch(directory, IN_MOVED_TO | IN_CREATE, only_dir=True)
            self._dirs[directory] = wd
            self._by_wd[wd] = directory
        self._logs.setdefault(directory, set()).add(log_path.name)
        self._dirty.add(log_path)
        self._wake.set()

    def remove(self, log_path: str | Path) -> None:
        log_path = Path(log_path)
        self._dirty.discard(log_path)
        self._retry.discard(log_path)
        directory = log_path.parent
        names = self._logs.get(directory)
        if names is None:
            return
        names.discard(log_path.name)
        if not names:
            self._forget_dir(directory)

    def remove_dir(self, directory: str | Path) -> None:
        """Forget every log under ``directory`` (a pod or container log dir)."""
        directory = Path(directory)
        for log_path in self.logs():
            if directory in log_path.parents:
                self.remove(log_path)

    def _forget_dir(self, directory: Path, *, gone: bool = False) -> None:
        for name in self._logs.pop(directory, set()):
            self._dirty.discard(directory / name)
            self._retry.discard(directory / name)
        wd = self._dirs.pop(directory, None)
        if wd is None:
            return
        self._by_wd.pop(wd, None)
        if not gone and self._ino is not None:
            self._ino.rm_watch(wd)

    def logs(self) -> list[Path]:
        return [d / name for d, names in self._logs.items() for name in names]

    async def wait_idle(self) -> None:
        """Return once no sync is running (logs removed before are left alone)."""
        async with self._busy:
            pass

    # -- syncing ---------------------------------------------------------------
    def sync_all(self) -> list[RotationResult]:
        """Sync every log now, in this thread (tools and tests)."""
        return [r for _, r in self._sync_batch(self.logs()) if r]

    def _sync_batch(self, batch: Iterable[Path]) -> list[tuple[Path, RotationResult | None]]:
        out: list[tuple[Path, RotationResult | None]] = []
        for log_path in batch:
            try:
                out.append((log_path, sync_rotation(log_path, self.policy)))
            except OSError as exc:
                if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                    log.warning(
                        "log rotation failed", extra={"log": str(log_path), "error": str(exc)}
                    )
                out.append((log_path, None))
        return out

    def _note(self, results: list[tuple[Path, RotationResult | None]]) -> None:
        for log_path, result in results:
            if result is None or result.settled:
                self._retry.discard(log_path)
            elif log_path.name in self._logs.get(log_path.parent, ()):
                self._retry.add(log_path)
            if result is not None and result.gap:
                log.warning(
                    "container log lines lost: conmon rotated twice before podd re-armed it;"
                    " older files dropped so that the log stays contiguous",
                    extra={"log": str(log_path), "kept_from": result.adopted},
                )

    def _take_events(self, events: list[InotifyEvent]) -> None:
        for ev in events:
            if ev.mask & IN_Q_OVERFLOW:
                self._dirty.update(self.logs())
                continue
            directory = self._by_wd.get(ev.wd)
            if directory is None:
                continue
            if ev.mask & IN_IGNORED:  # the dir is gone (the pod's logs removed)
                self._forget_dir(directory, gone=True)
            elif ev.name in self._logs.get(directory, ()):
                log_path = directory / ev.name
                if ev.mask & IN_MOVED_TO:  # conmon's rename: arm before its next rotation
                    try:
                        rearm(log_path)
                    except OSError as exc:  # the thread's sync tries again, and says why
                        log.debug("not re-armed", extra={"log": str(log_path), "error": str(exc)})
                self._dirty.add(log_path)

    def _readable(self) -> None:
        if self._ino is None:
            return
        self._take_events(self._ino.read_events())
        if self._dirty:
            self._wake.set()

    async def run(self) -> None:
        """Sync logs as conmon rotates them, until cancelled."""
        loop = self._loop = asyncio.get_running_loop()
        ino = self._inotify()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="podd-logrotate")
        loop.add_reader(ino.fd, self._readable)
        try:
            next_full = loop.time() + self.period
            while True:
                timeout = max(0.0, next_full - loop.time())
                if self._retry:
                    timeout = min(timeout, RETRY_DELAY)
                timer = loop.call_later(timeout, self._wake.set)
                try:
                    await self._wake.wait()
                finally:
                    timer.cancel()
                self._wake.clear()
                if loop.time() >= next_full:
                    self._dirty.update(self.logs())
                    next_full = loop.time() + self.period
                self._dirty.update(self._retry)
                if not self._dirty:
                    continue
                async with self._busy:
                    batch = list(self._dirty)
                    self._dirty.clear()
                    results = await loop.run_in_executor(self._executor, self._sync_batch, batch)
                self._note(results)
        finally:
            self._stop_reading()

    def _stop_reading(self) -> None:
        if self._ino is not None and self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(self._ino.fd)

    def close(self) -> None:
        self._stop_reading()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        if self._ino is not None:
            self._ino.close()
            self._ino = None
        self._dirs.clear()
        self._by_wd.clear()
        self._logs.clear()
        self._dirty.clear()
        self._retry.clear()
