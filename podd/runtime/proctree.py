"""A process and everything it started, found and ended from outside: an
exec'd command's tree is killed (through pidfds, never a reused pid) and
reaped when its client goes away."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Sequence
from pathlib import Path


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def kill_pid(pid: int | None) -> None:
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def descendants(pid: int, proc_root: str | Path = "/proc") -> list[int]:
    """Every process below ``pid``, deepest last (``/proc/*/task/*/children``)."""
    root = Path(proc_root)
    found: list[int] = []
    queue = [pid]
    while queue:
        parent = queue.pop(0)
        try:
            tasks = list((root / str(parent) / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError):
                for child in (task / "children").read_text().split():
                    if int(child) not in found:
                        found.append(int(child))
                        queue.append(int(child))
    return found


async def kill_and_wait(pids: Sequence[int], timeout: float) -> None:
    """SIGKILL each (through a pidfd: never a reused pid) and wait until
    they are dead, for ``timeout`` at most."""
    pidfds: list[int] = []
    for pid in pids:
        with contextlib.suppress(OSError):
            pidfds.append(os.pidfd_open(pid))
    try:
        for fd in pidfds:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(fd, signal.SIGKILL)
        loop = asyncio.get_running_loop()
        waits = []
        for fd in pidfds:
            fut: asyncio.Future[None] = loop.create_future()
            loop.add_reader(fd, _done, fut)
            waits.append(fut)
        try:
            if waits:
                await asyncio.wait(waits, timeout=timeout)
        finally:
            for fd in pidfds:
                loop.remove_reader(fd)
    finally:
        for fd in pidfds:
            os.close(fd)


def _done(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


def reap_ours(pids: Sequence[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            fd = os.pidfd_open(pid)
            try:
                os.waitid(os.P_PIDFD, fd, os.WEXITED | os.WNOHANG)
            finally:
                os.close(fd)
