"""inotify through ctypes (the stdlib has none), waited on by the event loop.

One :class:`Inotify` holds an inotify fd and any number of watches; its
:meth:`~Inotify.wait` sleeps on the fd with ``loop.add_reader`` (no polling)
and returns the parsed events. :meth:`~Inotify.wake` ends a wait from
elsewhere (e.g. "the container exited"). :class:`FileWatch` is the one-watch
case whose events do not matter, only that there were some (``cgroup.events``,
which the kernel reports as modified whenever "populated" changes).

Top-level, beside the layers that use it (sandbox, runtime, logs), so none
of them imports another for it.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import struct
from pathlib import Path

import msgspec

__all__ = [
    "IN_ATTRIB",
    "IN_CLOSE_WRITE",
    "IN_CREATE",
    "IN_DELETE",
    "IN_DELETE_SELF",
    "IN_IGNORED",
    "IN_MODIFY",
    "IN_MOVED_FROM",
    "IN_MOVED_TO",
    "IN_MOVE_SELF",
    "IN_Q_OVERFLOW",
    "FileWatch",
    "Inotify",
    "InotifyEvent",
]

IN_MODIFY = 0x00000002
IN_ATTRIB = 0x00000004
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_DELETE_SELF = 0x00000400
IN_MOVE_SELF = 0x00000800
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_ONLYDIR = 0x01000000

_HEADER = struct.Struct("iIII")
_READ_SIZE = 64 * 1024
_MAX_READS = 64  # per drain; a wait returns and the caller comes back for more

_libc: ctypes.CDLL | None = None


def _lib() -> ctypes.CDLL:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


class InotifyEvent(msgspec.Struct, frozen=True):
    wd: int
    mask: int
    cookie: int
    name: str


def parse_events(buf: bytes) -> list[InotifyEvent]:
    """Split a read of the inotify fd into events."""
    events: list[InotifyEvent] = []
    pos = 0
    while pos + _HEADER.size <= len(buf):
        wd, mask, cookie, length = _HEADER.unpack_from(buf, pos)
        pos += _HEADER.size
        raw = buf[pos : pos + length].split(b"\0", 1)[0]
        pos += length
        events.append(InotifyEvent(wd, mask, cookie, os.fsdecode(raw)))
    return events


class Inotify:
    """An inotify instance; close it (or use ``with``) when done."""

    def __init__(self) -> None:
        fd = _lib().inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            err = ctypes.get_errno()
            raise OSError(err, f"inotify_init1: {os.strerror(err)}")
        self.fd: int = fd
        self._ready: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._woken = False
        self._armed = False

    def add_watch(self, path: str | Path, mask: int, *, only_dir: bool = False) -> int:
        """Watch ``path`` for ``mask``; returns the watch descriptor."""
        if only_dir:
            mask |= IN_ONLYDIR
        wd = _lib().inotify_add_watch(self.fd, os.fsencode(path), ctypes.c_uint32(mask))
        if wd < 0:
            err = ctypes.get_errno()
            raise OSError(err, f"inotify_add_watch {path}: {os.strerror(err)}", str(path))
        return int(wd)

    def rm_watch(self, wd: int) -> None:
        _lib().inotify_rm_watch(self.fd, wd)  # EINVAL once the watch is gone: fine

    def read_events(self) -> list[InotifyEvent]:
        """Whatever events are queued now (never blocks)."""
        events: list[InotifyEvent] = []
        for _ in range(_MAX_READS):
            try:
                buf = os.read(self.fd, _READ_SIZE)
            except BlockingIOError:
                break
            if not buf:
                break
            events.extend(parse_events(buf))
        return events

    def _on_readable(self) -> None:
        # One-shot: the fd stays readable until read, and a level-triggered
        # reader would spin the loop while the caller is busy elsewhere.
        self._disarm()
        if self._ready is not None:
            self._ready.set()

    def _disarm(self) -> None:
        if self._armed and self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(self.fd)
        self._armed = False

    def wake(self) -> None:
        """Make the current (or next) :meth:`wait` return at once."""
        self._woken = True
        if self._ready is not None:
            self._ready.set()

    async def wait(self, timeout: float | None = None) -> list[InotifyEvent]:
        """Wait until events arrive, :meth:`wake` is called, or ``timeout`` passes."""
        if self._ready is None:
            self._loop = asyncio.get_running_loop()
            self._ready = asyncio.Event()
        events = self.read_events()
        if events or self._woken:
            self._woken = False
            return events
        self._ready.clear()
        if not self._armed:
            assert self._loop is not None
            self._loop.add_reader(self.fd, self._on_readable)
            self._armed = True
        # A timer instead of wait_for: on Python 3.11, wait_for can swallow a
        # cancellation that arrives as the inner wait completes.
        loop = asyncio.get_running_loop()
        timer = None if timeout is None else loop.call_later(timeout, self._ready.set)
        try:
            await self._ready.wait()
        finally:
            if timer is not None:
                timer.cancel()
        self._woken = False
        return self.read_events()

    def close(self) -> None:
        if self.fd < 0:
            return
        self._disarm()
        os.close(self.fd)
        self.fd = -1

    def __enter__(self) -> Inotify:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FileWatch(Inotify):
    """One watch on ``path``: ``fd`` is readable whenever it changes;
    :meth:`drain` after waking."""

    def __init__(self, path: str | Path, mask: int = IN_MODIFY) -> None:
        super().__init__()
        try:
            self.add_watch(path, mask)
        except OSError:
            self.close()
            raise

    def drain(self) -> None:
        """Drop the queued events (the caller looks at the file itself)."""
        self.read_events()
