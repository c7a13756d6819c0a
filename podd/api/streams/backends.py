"""What a stream session relays: an exec (``<runtime> exec``) or an attach
(conmon's attach socket), behind one small interface."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Protocol

from podd.api.streams.channel import STDERR, STDOUT, TerminalSize, error_status, exit_status
from podd.api.streams.options import StreamOptions
from podd.api.streams.target import Target
from podd.model import status as st
from podd.runtime.console import STDERR_PIPE, AttachSocket, resize_attached
from podd.runtime.errors import ContainerError
from podd.runtime.exec_stream import ExecRequest, ExecStream, Output, start_exec
from podd.runtime.exits import read_exit
from podd.sandbox.process import is_running

__all__ = ["AttachBackend", "Backend", "ExecBackend", "StartError"]

READ = 64 * 1024
ATTACH_SETTLE = 0.05  # s after an attach connects in which an exit still refuses it
ATTACH_CHECKS = 5


class StartError(Exception):
    """It could not start: the Status for the error channel."""

    def __init__(self, status: st.Status) -> None:
        super().__init__(status.message)
        self.status = status


class Backend(Protocol):
    def outputs(self) -> list[AsyncIterator[tuple[int, bytes]]]:
        """Output streams, each read by its own task: (channel, data)."""
        ...

    async def write_stdin(self, data: bytes) -> None:
        """BrokenPipeError once the process no longer reads."""
        ...

    def close_stdin(self) -> None: ...

    def resize(self, size: TerminalSize) -> None: ...

    async def wait(self) -> st.Status:
        """Until it is over: the Status for the error channel."""
        ...

    async def abort(self) -> None:
        """The client went away: end it (an exec is killed and reaped)."""
        ...

    async def aclose(self) -> None: ...


async def _chunks(reader: Output, channel: int) -> AsyncIterator[tuple[int, bytes]]:
    while data := await reader.read(READ):
        yield channel, data


class ExecBackend:
    def __init__(self, stream: ExecStream) -> None:
        self.stream = stream

    @classmethod
    async def start(
        cls, target: Target, opts: StreamOptions, size: TerminalSize | None
    ) -> ExecBackend:
        req = ExecRequest(
            command=opts.command,
            stdin=opts.stdin,
            stdout=opts.stdout,
            stderr=opts.stderr,
            tty=opts.tty,
            width=size.width if size else 0,
            height=size.height if size else 0,
        )
        try:
            stream = await start_exec(
                target.pause, target.handle, req, console_dir=target.console_dir
            )
        except (ContainerError, OSError) as exc:
            raise StartError(error_status(f"error executing command in container: {exc}")) from exc
        return cls(stream)

    def outputs(self) -> list[AsyncIterator[tuple[int, bytes]]]:
        s = self.stream
        found = [_chunks(s.stdout, STDOUT)] if s.stdout is not None else []
        return found + ([_chunks(s.stderr, STDERR)] if s.stderr is not None else [])

    async def write_stdin(self, data: bytes) -> None:
        if self.stream.stdin is None:
            return
        await self.stream.stdin.write(data)

    def close_stdin(self) -> None:
        self.stream.close_stdin()

    def resize(self, size: TerminalSize) -> None:
        self.stream.resize(size.width, size.height)

    async def wait(self) -> st.Status:
        outcome = await self.stream.wait()
        if outcome.error is not None:
            return error_status(f"error executing command in container: {outcome.error}")
        return exit_status(outcome.exit_code)

    async def abort(self) -> None:
        await self.stream.terminate()

    async def aclose(self) -> None:
        await self.stream.aclose()


def _exited(target: Target) -> bool:
    handle = target.handle
    if read_exit(handle.exit_file, handle.bundle, handle.cgroup) is not None:
        return True
    return handle.init is not None and not is_running(handle.init)


async def _exits_soon(target: Target) -> bool:
    """The container's process is gone, or goes within ATTACH_SETTLE of the
    connect: conmon accepts an attach in its own time, and output it reads
    before that (a short command's, say) reaches the log only."""
    for _ in range(ATTACH_CHECKS):
        if _exited(target):
            return True
        await asyncio.sleep(ATTACH_SETTLE / ATTACH_CHECKS)
    return _exited(target)


class AttachBackend:
    """The container's own stdio through conmon; it ends when conmon closes
    the socket (the container exited) or the client leaves."""

    def __init__(self, target: Target, sock: AttachSocket) -> None:
        self.target = target
        self.sock = sock
        self._ended = asyncio.Event()

    @classmethod
    async def start(
        cls, target: Target, opts: StreamOptions, size: TerminalSize | None
    ) -> AttachBackend:
        try:
            sock = await AttachSocket.connect(target.handle.bundle)
        except ContainerError as exc:
            raise StartError(error_status(f"error attaching to container: {exc}")) from exc
        if await _exits_soon(target):
            # Connected while conmon winds down: what the container wrote went
            # to its log only (conmon replays nothing to a new attach); refused,
            # kubectl (debug -i, run -i) reads the log instead.
            sock.close()
            name = target.container.name
            raise StartError(
                st.bad_request(f'container "{name}" in pod "{target.pod}" is not running')
            )
        backend = cls(target, sock)
        if size is not None:
            backend.resize(size)
        return backend

    async def _packets(self) -> AsyncIterator[tuple[int, bytes]]:
        try:
            while (packet := await self.sock.recv()) is not None:
                pipe, data = packet
                yield (STDERR if pipe == STDERR_PIPE else STDOUT), data
        finally:
            self._ended.set()

    def outputs(self) -> list[AsyncIterator[tuple[int, bytes]]]:
        return [self._packets()]

    async def write_stdin(self, data: bytes) -> None:
        try:
            await self.sock.send(data)
        except OSError as exc:
            raise BrokenPipeError(str(exc)) from exc

    def close_stdin(self) -> None:
        self.sock.close_input()

    def resize(self, size: TerminalSize) -> None:
        if self.target.container.tty:
            resize_attached(self.target.handle.bundle, size.width, size.height)

    async def wait(self) -> st.Status:
        await self._ended.wait()
        return exit_status(0)

    async def abort(self) -> None:
        self.sock.close_input()

    async def aclose(self) -> None:
        self.sock.close()
