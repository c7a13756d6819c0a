"""Container exits: conmon's exit files, OOM evidence, and an inotify watch.

conmon writes the exit status (``3`` for ``exit 3``, ``137`` for SIGKILL)
to ``<exits dir>/<id>`` — through a temporary file renamed into place, so
the file appears complete (``IN_MOVED_TO``) — and to ``<bundle>/persist/exit``.
The exit file's mtime is the finish time. An OOM kill shows as an ``oom``
file (conmon, where it can watch the memory controller) or as ``oom_kill``
in the container leaf's ``memory.events``.

:func:`watch_exits` yields container ids as their exit files appear: an
inotify watch on the directory read through the event loop — no polling.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from podd.atomicfile import write_atomic
from podd.inotify import IN_CLOSE_WRITE, IN_MOVED_TO, IN_Q_OVERFLOW, FileWatch
from podd.model.timeutil import format_rfc3339_micro
from podd.runtime.state import is_container_id
from podd.sandbox.process import wait_readable

__all__ = [
    "ExitInfo",
    "oom_killed",
    "read_exit",
    "wait_exit_file",
    "watch_exits",
    "write_exit",
]

_MASK = IN_CLOSE_WRITE | IN_MOVED_TO


class ExitInfo(msgspec.Struct, frozen=True):
    """How a container ended: status, when (RFC 3339, µs) and OOM."""

    exit_code: int
    finished_at: str
    oom_killed: bool = False


def _read_int(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _memory_events_oom(cgroup: str | None) -> bool:
    if not cgroup:
        return False
    try:
        text = (Path(cgroup) / "memory.events").read_text()
    except OSError:
        return False
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "oom_kill" and value.strip().isdigit():
            return int(value) > 0
    return False


def oom_killed(bundle: str | Path, cgroup: str | None) -> bool:
    """conmon's oom file (bundle or persist dir) or the leaf's oom_kill count."""
    b = Path(bundle)
    if (b / "oom").exists() or (b / "persist" / "oom").exists():
        return True
    return _memory_events_oom(cgroup)


def read_exit(exit_file: str | Path, bundle: str | Path, cgroup: str | None) -> ExitInfo | None:
    """The exit recorded for a container, or None while there is none."""
    path = Path(exit_file)
    code = _read_int(path)
    if code is None:
        return None
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    finished = format_rfc3339_micro(datetime.fromtimestamp(mtime, UTC))
    return ExitInfo(code, finished, oom_killed(bundle, cgroup))


def write_exit(exit_file: str | Path, code: int) -> None:
    """Record an exit conmon could not (it was killed with the container)."""
    write_atomic(exit_file, str(code))


def _existing(directory: Path) -> list[str]:
    with contextlib.suppress(FileNotFoundError):
        return sorted(n for n in os.listdir(directory) if is_container_id(n))
    return []


async def watch_exits(exits_dir: str | Path, *, existing: bool = True) -> AsyncIterator[str]:
    """Yield container ids as their exit files appear in ``exits_dir``.

    The watch is in place before the directory is listed, so with
    ``existing`` (the default) no exit between a relist and the watch is
    missed; an id may then be yielded twice — consumers treat it as "look
    at this container again". Runs until the consumer stops iterating.
    """
    directory = Path(exits_dir)
    directory.mkdir(parents=True, exist_ok=True)
    watch = FileWatch(directory, _MASK | IN_Q_OVERFLOW)
    try:
        if existing:
            for name in _existing(directory):
                yield name
        while True:
            await wait_readable(watch.fd, None)
            for ev in watch.read_events():
                if ev.mask & IN_Q_OVERFLOW:
                    for again in _existing(directory):
                        yield again
                elif is_container_id(ev.name):
                    yield ev.name
    finally:
        watch.close()


async def wait_exit_file(exit_file: str | Path, timeout: float) -> bool:
    """Wait until ``exit_file`` exists; False at the deadline."""
    path = Path(exit_file)
    if path.exists():
        return True
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    watch = FileWatch(path.parent, _MASK)
    try:
        while not path.exists():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await wait_readable(watch.fd, remaining)
            watch.drain()
        return True
    finally:
        watch.close()
