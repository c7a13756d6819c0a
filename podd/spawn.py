"""Running helper programs from the event loop without stalling it.

uvloop's subprocess spawn forks podd (libuv ``fork()``), which copies the
page tables of a large Python process: about 9 ms with the loop blocked,
per process. CPython's ``subprocess`` uses ``vfork()``: under 1 ms. So
helpers are started with ``subprocess.Popen`` (never a ``preexec_fn``, which
would force a fork) and watched from the loop: their pipes are non-blocking
fds waited on with ``add_reader``/``add_writer``, their exit is a pidfd.

A :class:`Process` is reaped by the loop as soon as it exits, whoever waits
for it (or nobody): no zombie is left behind. :func:`run` runs a command to
its end; :func:`start` gives the process for longer conversations (streamed
stdin with back-pressure, line reads). Timeouts and cancellation kill and
reap.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import Callable, Mapping, Sequence

import msgspec

__all__ = ["DEVNULL", "PIPE", "STDOUT", "Completed", "Process", "Reader", "Writer", "run", "start"]

PIPE = subprocess.PIPE
DEVNULL = subprocess.DEVNULL
STDOUT = subprocess.STDOUT  # stderr only: into the stdout pipe
CHUNK = 65536  # one pipe buffer: the most a write moves without blocking


class Completed(msgspec.Struct, frozen=True):
    """Exit status (negative: killed by that signal) and bounded output."""

    returncode: int
    stdout: bytes = b""
    stderr: bytes = b""
    truncated: bool = False

    @property
    def text(self) -> str:
        """What a failed helper said (stderr, else stdout), for error messages."""
        return (self.stderr or self.stdout).decode(errors="replace").strip()


class _Pipe:
    """Our end of a pipe to the child, non-blocking and waited on by the loop."""

    _write = False

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self._waiter: asyncio.Future[None] | None = None

    async def _ready(self) -> None:
        """Until the fd is readable (writable for a writer) or closed."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._waiter = fut
        (loop.add_writer if self._write else loop.add_reader)(self.fd, _wake, fut)
        try:
            await fut
        finally:
            if self._waiter is fut:  # else close() has unregistered it
                self._unregister(loop)

    def _unregister(self, loop: asyncio.AbstractEventLoop) -> None:
        self._waiter = None
        if not loop.is_closed():
            (loop.remove_writer if self._write else loop.remove_reader)(self.fd)

    @property
    def closed(self) -> bool:
        return self.fd < 0

    def close(self) -> None:
        """Close our end; a pending wait on it ends (at EOF for a reader)."""
        if self.fd < 0:
            return
        waiter = self._waiter
        if waiter is not None:
            # Unregister before the fd number can be reused by another open.
            self._unregister(waiter.get_loop())
            _wake(waiter)
        os.close(self.fd)
        self.fd = -1


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


class Reader(_Pipe):
    """The child's stdout or stderr."""

    def __init__(self, fd: int) -> None:
        super().__init__(fd)
        self._buf = bytearray()

    async def _chunk(self) -> bytes:
        """The next bytes from the pipe; b"" (and the fd closed) at EOF."""
        while self.fd >= 0:
            try:
                data = os.read(self.fd, CHUNK)
            except BlockingIOError:
                await self._ready()
                continue
            if not data:
                self.close()
            return data
        return b""

    async def read(self, n: int = CHUNK) -> bytes:
        """Up to ``n`` bytes as soon as there are some; b"" at EOF."""
        if not self._buf:
            self._buf += await self._chunk()
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    async def readline(self, limit: int = CHUNK) -> bytes:
        """One line with its newline (the last one may lack it); b"" at EOF.

        A line longer than ``limit`` is skipped and raises ValueError."""
        start = 0
        while (end := self._buf.find(b"\n", start)) < 0:
            if len(self._buf) > limit:
                await self._skip_line()
                raise ValueError(f"line longer than {limit} bytes")
            start = len(self._buf)
            chunk = await self._chunk()
            if not chunk:
                line = bytes(self._buf)
                self._buf.clear()
                return line
            self._buf += chunk
        if end >= limit:
            del self._buf[: end + 1]
            raise ValueError(f"line longer than {limit} bytes")
        line = bytes(self._buf[: end + 1])
        del self._buf[: end + 1]
        return line

    async def _skip_line(self) -> None:
        while (end := self._buf.find(b"\n")) < 0:
            self._buf.clear()
            self._buf += await self._chunk()
            if not self._buf:
                return
        del self._buf[: end + 1]

    async def read_all(self, limit: int) -> tuple[bytes, bool]:
        """Read to EOF keeping the first ``limit`` bytes; (data, truncated).
        The rest is read and dropped, so the child never blocks on a full pipe."""
        kept = bytearray(self._buf[:limit])
        truncated = len(self._buf) > limit
        self._buf.clear()
        while chunk := await self._chunk():
            room = limit - len(kept)
            kept += chunk[: max(room, 0)]
            truncated = truncated or len(chunk) > room
        return bytes(kept), truncated


class Writer(_Pipe):
    """The child's stdin."""

    _write = True

    async def write(self, data: bytes) -> None:
        """Write all of ``data``, a pipe buffer at a time, waiting while the
        child does not read (back-pressure: nothing is queued in podd).
        BrokenPipeError when the child closed its end (or exited)."""
        view = memoryview(data)
        while view:
            if self.fd < 0:
                raise BrokenPipeError("stdin is closed")
            try:
                n = os.write(self.fd, view[:CHUNK])
            except BlockingIOError:
                await self._ready()
                continue
            view = view[n:]


class Process:
    """A started helper: its pipes (None unless PIPE) and its exit."""

    def __init__(
        self,
        popen: subprocess.Popen[bytes],
        stdin: Writer | None,
        stdout: Reader | None,
        stderr: Reader | None,
    ) -> None:
        self._popen = popen
        self.pid = popen.pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self._loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int] = self._loop.create_future()
        self._pidfd = os.pidfd_open(popen.pid)
        # Reaped here, in the loop, whoever waits: no zombie even if nobody does.
        self._loop.add_reader(self._pidfd, self._on_exit)

    def _on_exit(self) -> None:
        self._loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        code = self._popen.wait()  # exited: waitpid returns at once
        if not self._exited.done():
            self._exited.set_result(code)

    @property
    def returncode(self) -> int | None:
        """The exit status once reaped (negative: killed by that signal)."""
        return self._popen.returncode

    async def wait(self) -> int:
        """Until the process has exited (and is reaped); its exit status."""
        # Shielded: a cancelled waiter must not cancel the shared future.
        return await asyncio.shield(self._exited)

    def send_signal(self, sig: int) -> None:
        """Signal it through the pidfd (never a reused pid); no-op once gone."""
        if self._pidfd >= 0:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._pidfd, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    async def stop(self, *, grace: float = 0.0, ask: Callable[[], object] | None = None) -> int:
        """End it and reap it: ``ask`` it to end (close its stdin, kill what
        it runs, ...) and allow ``grace`` seconds, then SIGKILL. Cancelled,
        it still kills (and the loop reaps)."""
        try:
            if self.returncode is None and ask is not None:
                ask()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(grace):
                        await self.wait()
            self.kill()
            return await self.wait()
        except BaseException:
            self.kill()
            raise

    async def communicate(
        self, stdin: bytes | None = None, *, max_output: int = 1 << 20
    ) -> Completed:
        """Feed ``stdin`` (then close it), read stdout and stderr to EOF (the
        first ``max_output`` bytes of each kept) and wait for the exit."""

        async def feed() -> None:
            if self.stdin is None:
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                await self.stdin.write(stdin or b"")
            self.stdin.close()

        async def collect(reader: Reader | None) -> tuple[bytes, bool]:
            return await reader.read_all(max_output) if reader else (b"", False)

        _, (out, t1), (err, t2), code = await asyncio.gather(
            feed(), collect(self.stdout), collect(self.stderr), self.wait()
        )
        return Completed(code, out, err, t1 or t2)

    def close(self) -> None:
        """Close our pipe ends (the process itself is left alone)."""
        for pipe in (self.stdin, self.stdout, self.stderr):
            if pipe is not None:
                pipe.close()

    async def __aenter__(self) -> Process:
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Kill it if still running, reap it, close the pipes."""
        try:
            await self.stop()
        finally:
            self.close()


def start(
    argv: Sequence[str],
    *,
    stdin: int = DEVNULL,
    stdout: int = PIPE,
    stderr: int = PIPE,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    start_new_session: bool = False,
) -> Process:
    """Start ``argv`` (vfork + exec: the loop barely pauses). ``stdin``,
    ``stdout``, ``stderr``: PIPE or DEVNULL; ``stderr`` may be STDOUT.
    Raises OSError (FileNotFoundError, ...) when it cannot be started."""
    ours: list[int] = []
    theirs: list[int] = []

    def pipe(mode: int, child_reads: bool) -> int:
        """The child's end for Popen (or ``mode`` itself when not a PIPE)."""
        if mode != PIPE:
            return mode
        r, w = os.pipe2(os.O_CLOEXEC)
        ours.append(w if child_reads else r)
        theirs.append(r if child_reads else w)
        return theirs[-1]

    try:
        child = (pipe(stdin, True), pipe(stdout, False), pipe(stderr, False))
        popen = subprocess.Popen(
            list(argv),
            stdin=child[0],
            stdout=child[1],
            stderr=child[2],
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=start_new_session,
        )
    except BaseException:
        for fd in ours:
            os.close(fd)
        raise
    finally:
        for fd in theirs:
            os.close(fd)
    it = iter(ours)
    return Process(
        popen,
        Writer(next(it)) if stdin == PIPE else None,
        Reader(next(it)) if stdout == PIPE else None,
        Reader(next(it)) if stderr == PIPE else None,
    )


async def run(
    argv: Sequence[str],
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    timeout: float | None = None,
    max_output: int = 1 << 20,
    start_new_session: bool = False,
    merge_stderr: bool = False,
) -> Completed:
    """Run ``argv`` to its end; its exit code and (bounded) output, stderr
    in ``stdout`` with ``merge_stderr``. On timeout (TimeoutError) or
    cancellation the process is killed and reaped before this returns."""
    proc = start(
        argv,
        stdin=PIPE if stdin is not None else DEVNULL,
        stderr=STDOUT if merge_stderr else PIPE,
        env=env,
        cwd=cwd,
        start_new_session=start_new_session,
    )
    async with proc:
        async with asyncio.timeout(timeout):
            return await proc.communicate(stdin, max_output=max_output)
