"""Detached processes: spawn them, identify them later, wait for and stop them.

A pod's processes (pause, slirp4netns) must outlive podd, so they are started
with ``posix_spawn`` in their own session and never wrapped in an asyncio
subprocess object (whose child watcher would own them). They are identified by
pid *and* start time (field 22 of ``/proc/PID/stat``), never by pid alone, and
waited for through a pidfd on the event loop — no sleeps, no threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

# Signals Python (or a test runner) may have set to SIG_IGN; ignored
# dispositions survive exec, so reset them for the child.
_RESET_SIGNALS = (
    signal.SIGPIPE,
    signal.SIGXFSZ,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGHUP,
    signal.SIGCHLD,
    signal.SIGUSR1,
    signal.SIGUSR2,
)
_HIGH_FD = 64


class ProcessRef(msgspec.Struct, frozen=True):
    """A process identity that survives pid reuse: pid plus its start time."""

    pid: int
    start_time: int


def read_stat(pid: int, proc_root: str | Path = "/proc") -> tuple[str, int] | None:
    """(state letter, start time in clock ticks) of ``pid``, or None if absent."""
    try:
        text = Path(proc_root, str(pid), "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) may contain spaces and parentheses.
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[19])


def read_start_time(pid: int, proc_root: str | Path = "/proc") -> int | None:
    """Field 22 of /proc/PID/stat (start time after boot, in clock ticks)."""
    stat = read_stat(pid, proc_root)
    return None if stat is None else stat[1]


def process_ref(pid: int, proc_root: str | Path = "/proc") -> ProcessRef | None:
    """The identity of a running pid, or None when it is gone."""
    start = read_start_time(pid, proc_root)
    return None if start is None else ProcessRef(pid, start)


def is_running(ref: ProcessRef, proc_root: str | Path = "/proc") -> bool:
    """True while the very process ``ref`` names runs (zombies count as dead)."""
    stat = read_stat(ref.pid, proc_root)
    return stat is not None and stat[1] == ref.start_time and stat[0] not in ("Z", "X")


def spawn_detached(
    argv: Sequence[str],
    *,
    pass_fds: Mapping[int, int] | None = None,
    output: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Start ``argv`` in a new session, detached from podd; return its pid.

    ``pass_fds`` maps the fd number the child sees to a parent fd; nothing else
    but stdio is passed (podd's fds are close-on-exec). stdin is /dev/null,
    stdout and stderr go to ``output`` (appended) or /dev/null. The caller
    owns the child until it is reaped (see :func:`wait_exit`).
    """
    high: dict[int, int] = {}
    try:
        # Move sources out of the way first, so that a target number never
        # clobbers another source (dup2 onto itself would also keep CLOEXEC).
        for target, source in (pass_fds or {}).items():
            high[target] = fcntl.fcntl(source, fcntl.F_DUPFD_CLOEXEC, _HIGH_FD)
        out = str(output) if output is not None else os.devnull
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        actions: list[tuple[int, ...] | tuple[int, int, str, int, int]] = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, out, flags, 0o600),
            (os.POSIX_SPAWN_DUP2, 1, 2),
        ]
        actions += [(os.POSIX_SPAWN_DUP2, fd, target) for target, fd in high.items()]
        return os.posix_spawn(
            argv[0],
            list(argv),
            dict(os.environ if env is None else env),
            file_actions=actions,
            setsid=True,
            setsigdef=_RESET_SIGNALS,
            setsigmask=(),
        )
    finally:
        for fd in high.values():
            os.close(fd)


async def wait_readable(fd: int, timeout: float | None) -> bool:
    """Wait until ``fd`` is readable on the running loop; False on timeout."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()

    def _on_ready() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(fd, _on_ready)
    try:
        async with asyncio.timeout(timeout):
            await ready
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)


def _reap(pidfd: int) -> int | None:
    """Reap the exited process behind ``pidfd`` if it is our child.

    Returns its exit status (negative signal number when killed), or None when
    it is not our child (someone else reaps it) or has not exited.
    """
    try:
        res = os.waitid(os.P_PIDFD, pidfd, os.WEXITED | os.WNOHANG)
    except ChildProcessError:
        return None
    if res is None:
        return None
    if res.si_code == os.CLD_EXITED:
        return res.si_status
    return -res.si_status


async def wait_exit(pid: int, timeout: float | None = None) -> int | None:
    """Wait for ``pid`` to exit and reap it when it is our child.

    Returns the exit status (or None if it was not ours to reap, or was
    already gone). Raises TimeoutError when it is still running at the
    deadline.
    """
    try:
        pidfd = os.pidfd_open(pid)
    except ProcessLookupError:
        return None
    try:
        if not await wait_readable(pidfd, timeout):
            raise TimeoutError(f"process {pid} still running after {timeout}s")
        return _reap(pidfd)
    finally:
        os.close(pidfd)


def _open_ref(ref: ProcessRef, proc_root: str | Path) -> int | None:
    """A pidfd for exactly ``ref`` (checked after opening), or None if gone."""
    try:
        pidfd = os.pidfd_open(ref.pid)
    except ProcessLookupError:
        return None
    if read_start_time(ref.pid, proc_root) != ref.start_time:
        os.close(pidfd)
        return None
    return pidfd


def reap_if_exited(ref: ProcessRef, proc_root: str | Path = "/proc") -> bool:
    """Reap ``ref`` if it is a zombie child of ours; True if it is not running."""
    pidfd = _open_ref(ref, proc_root)
    if pidfd is None:
        return True
    try:
        if is_running(ref, proc_root):
            return False
        _reap(pidfd)
        return True
    finally:
        os.close(pidfd)


async def terminate(
    ref: ProcessRef,
    timeout: float = 5.0,
    proc_root: str | Path = "/proc",
    sig: int = signal.SIGTERM,
) -> bool:
    """Send ``sig``, then SIGKILL after ``timeout``; wait for death and reap.

    Returns False when the process was already gone, True when it was
    stopped. Raises TimeoutError if even SIGKILL did not end it in time.
    """
    pidfd = _open_ref(ref, proc_root)
    if pidfd is None:
        return False
    try:
        for signum, wait in ((sig, timeout), (signal.SIGKILL, timeout)):
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(pidfd, signum)
            if await wait_readable(pidfd, wait):
                _reap(pidfd)
                return True
        raise TimeoutError(f"process {ref.pid} survived SIGKILL for {timeout}s")
    finally:
        os.close(pidfd)
