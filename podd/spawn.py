"""Running helper programs from the event loop without stalling it.

uvloop's subprocess spawn forks podd (libuv ``fork()``), which copies the
page tables of a large Python process: about 9 ms with the loop blocked,
per process. CPython's ``subprocess`` uses ``vfork()``: under 1 ms. So
helpers are started with ``subprocess.Popen`` and watched from the loop:
their pipes and a pidfd (exit) are registered as readers, nothing blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
from collections.abc import Mapping, Sequence

import msgspec


class Completed(msgspec.Struct, frozen=True):
    returncode: int
    stdout: bytes
    stderr: bytes
    truncated: bool = False


async def run(
    argv: Sequence[str],
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    timeout: float | None = None,
    max_output: int = 1 << 20,
    start_new_session: bool = False,
) -> Completed:
    """Run ``argv`` to its end; its exit code and (bounded) output. On timeout
    (TimeoutError) or cancellation the process is killed and reaped."""
    loop = asyncio.get_running_loop()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=start_new_session,
    )
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    bufs = {out_fd: bytearray(), err_fd: bytearray()}
    truncated = False
    open_fds = set(bufs)
    drained: asyncio.Future[None] = loop.create_future()
    exited: asyncio.Future[None] = loop.create_future()
    pidfd = os.pidfd_open(proc.pid)

    def on_read(fd: int) -> None:
        nonlocal truncated
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return
        if data:
            buf = bufs[fd]
            room = max_output - len(buf)
            buf += data[: max(room, 0)]
            truncated = truncated or len(data) > room
            return
        loop.remove_reader(fd)
        open_fds.discard(fd)
        if not open_fds and not drained.done():
            drained.set_result(None)

    def on_exit() -> None:
        loop.remove_reader(pidfd)
        if not exited.done():
            exited.set_result(None)

    for fd in bufs:
        os.set_blocking(fd, False)
        loop.add_reader(fd, on_read, fd)
    loop.add_reader(pidfd, on_exit)
    try:
        if stdin is not None:
            assert proc.stdin is not None
            await loop.run_in_executor(None, _feed, proc.stdin, stdin)
        async with asyncio.timeout(timeout):
            await asyncio.gather(drained, exited)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        raise
    finally:
        for fd in list(open_fds):
            loop.remove_reader(fd)
        loop.remove_reader(pidfd)
        os.close(pidfd)
        if exited.done():
            proc.wait()
        else:
            await asyncio.shield(loop.run_in_executor(None, proc.wait))
        proc.stdout.close()
        proc.stderr.close()
    return Completed(proc.returncode, bytes(bufs[out_fd]), bytes(bufs[err_fd]), truncated)


def _feed(pipe: object, data: bytes) -> None:
    """Write stdin (blocking, in a worker thread) and close it."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        pipe.write(data)  # type: ignore[attr-defined]
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        pipe.close()  # type: ignore[attr-defined]
