"""A minimal inotify watch (through ctypes: the stdlib has none), whose fd the
event loop can wait on. Used for ``cgroup.events``, which the kernel reports
as modified whenever "populated" changes."""

from __future__ import annotations

import contextlib
import ctypes
import os
from pathlib import Path

IN_MODIFY = 0x2


class FileWatch:
    """Readable ``fd`` whenever ``path`` is modified; :meth:`drain` after waking."""

    def __init__(self, path: str | Path, mask: int = IN_MODIFY) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if libc.inotify_add_watch(self.fd, os.fsencode(path), mask) < 0:
            err = ctypes.get_errno()
            os.close(self.fd)
            raise OSError(err, f"inotify_add_watch {path}")

    def drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            while os.read(self.fd, 4096):
                pass

    def close(self) -> None:
        os.close(self.fd)
