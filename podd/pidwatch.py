"""Notice process exits on the event loop: one pidfd per watched process.

:meth:`PidWatcher.watch` opens a pidfd for a :class:`ProcessRef` (pid + start
time) and registers it with ``loop.add_reader``: the kernel makes a pidfd
readable when its process exits, so there is no polling and no thread. A
watch fires ``on_exit`` once, then reaps the process when it is podd's child
(podd is a child subreaper, so pause, slirp4netns and conmon are); for other
processes of the same user it only reports. A process already gone when
watched — or a pid now used by another process (the start time differs) —
is reported soon, through ``loop.call_soon``, never from inside ``watch``.

Top-level, beside the layers that use it (controller, runtime), so none of
them imports another for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from podd.sandbox.process import ProcessRef, read_start_time

__all__ = ["PidWatcher", "Watch"]


class Watch:
    """One watched process; :meth:`cancel` it when its exit no longer matters."""

    def __init__(
        self,
        ref: ProcessRef,
        on_exit: Callable[[], None],
        loop: asyncio.AbstractEventLoop,
        forget: Callable[[Watch], None],
    ) -> None:
        self.ref = ref
        self._on_exit = on_exit
        self._loop = loop
        self._forget = forget
        self._pidfd = -1
        self._active = True
        self._fired = False

    @property
    def active(self) -> bool:
        """True until the exit was reported or the watch cancelled."""
        return self._active

    @property
    def fired(self) -> bool:
        """True once ``on_exit`` was called."""
        return self._fired

    def cancel(self) -> None:
        """Stop watching; ``on_exit`` will not be called. Idempotent."""
        if self._active:
            self._active = False
            self._release()

    def _arm(self, proc_root: str | Path) -> None:
        try:
            pidfd = os.pidfd_open(self.ref.pid)
        except ProcessLookupError:
            self._loop.call_soon(self._gone)
            return
        # Checked after opening: a pidfd names one process, not a number, so
        # only a reuse before the open can fool us, and the start time says so.
        if read_start_time(self.ref.pid, proc_root) != self.ref.start_time:
            os.close(pidfd)
            self._loop.call_soon(self._gone)
            return
        self._pidfd = pidfd
        self._loop.add_reader(pidfd, self._exited)

    def _gone(self) -> None:
        """The process had exited (and been reaped) before we could watch it."""
        if self._active:
            self._fire()

    def _exited(self) -> None:
        """The pidfd became readable: the process exited."""
        if not self._active:
            return
        _reap(self._pidfd)
        self._fire()

    def _fire(self) -> None:
        self._active = False
        self._fired = True
        self._release()
        self._on_exit()

    def _release(self) -> None:
        if self._pidfd >= 0:
            self._loop.remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = -1
        self._forget(self)


def _reap(pidfd: int) -> None:
    """Reap the exited process if it is our child (else its parent does)."""
    with contextlib.suppress(ChildProcessError):
        os.waitid(os.P_PIDFD, pidfd, os.WEXITED | os.WNOHANG)


class PidWatcher:
    """Watches any number of processes from one event loop.

    ``loop`` defaults to the running loop at the first :meth:`watch`; every
    method must be called from that loop's thread. ``on_exit`` runs on the
    loop; an exception it raises goes to the loop's exception handler.
    """

    def __init__(
        self, loop: asyncio.AbstractEventLoop | None = None, proc_root: str | Path = "/proc"
    ) -> None:
        self._loop = loop
        self._proc_root = proc_root
        self._watches: set[Watch] = set()
        self._closed = False

    def __len__(self) -> int:
        """How many watches are active."""
        return len(self._watches)

    def watch(self, ref: ProcessRef, on_exit: Callable[[], None]) -> Watch:
        """Call ``on_exit()`` once when the process ``ref`` names exits (or
        soon, if it is already gone). Raises RuntimeError after :meth:`close`;
        OSError only when no pidfd can be opened at all (e.g. no fds left)."""
        if self._closed:
            raise RuntimeError("PidWatcher is closed")
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        watch = Watch(ref, on_exit, self._loop, self._watches.discard)
        self._watches.add(watch)
        try:
            watch._arm(self._proc_root)
        except BaseException:
            watch.cancel()
            raise
        return watch

    def close(self) -> None:
        """Cancel every watch; no ``on_exit`` runs afterwards. Idempotent."""
        self._closed = True
        for watch in list(self._watches):
            watch.cancel()
