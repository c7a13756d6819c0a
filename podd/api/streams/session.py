"""One exec or attach over a WebSocket: frames in, frames out, the outcome.

The order is the apiserver's: accept with the negotiated subprotocol, an
empty frame on the lowest channel podd writes, then the streams; when the
process is over (and its output drained), its Status on the error channel
and a normal close (1000: client-go reads EOF only then).

Back-pressure both ways: a stdin frame is written to the process before the
next frame is read (uvicorn stops reading the socket meanwhile), and output
is read only as fast as the client takes it (each send waits for the
transport to drain). When the client goes away the process is killed and
reaped (:meth:`Backend.abort`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from litestar import WebSocket
from litestar.exceptions import WebSocketDisconnect

from podd.api.streams import channel as ch
from podd.api.streams.backends import Backend, StartError
from podd.api.streams.options import StreamOptions
from podd.model import status as st

__all__ = ["FIRST_RESIZE_WAIT", "OUTPUT_DRAIN", "run_session"]

log = logging.getLogger("podd.api.streams")

# kubectl sends the terminal's size right after connecting: waiting this long
# for it lets the process start with the right size (runc's consoleSize).
FIRST_RESIZE_WAIT = 0.5
OUTPUT_DRAIN = 10.0  # output of an exited process not yet at EOF (a child holds it)
NORMAL_CLOSURE = 1000

Starter = Callable[[Any], Awaitable[Backend]]


class _Session:
    def __init__(self, socket: WebSocket, proto: ch.Protocol, opts: StreamOptions) -> None:
        self.socket = socket
        self.proto = proto
        self.opts = opts
        self.backend: Backend | None = None
        self.ready = asyncio.Event()  # the backend is up (or failed)
        self.sized = asyncio.Event()  # a first size arrived
        self.size: ch.TerminalSize | None = None
        self.resizes = ch.ResizeDecoder()
        self.stdin_open = opts.stdin
        self.gone = asyncio.Event()  # the client went away

    async def send(self, channel: int, data: bytes) -> None:
        frame = ch.encode_frame(self.proto, channel, data)
        if isinstance(frame, str):
            await self.socket.send_text(frame)
        else:
            await self.socket.send_bytes(frame)

    async def receive(self) -> None:
        """Client frames until it leaves; returns when it is gone."""
        try:
            while True:
                event = await self.socket.receive()
                if event["type"] != "websocket.receive":
                    return
                raw = event.get("bytes")
                if raw is None:
                    raw = (event.get("text") or "").encode()
                try:
                    frame = ch.decode_frame(self.proto, raw)
                except ch.FrameError as exc:
                    log.info("stream protocol error", extra={"error": str(exc)})
                    return
                await self._deliver(frame)
        except (OSError, WebSocketDisconnect):
            return
        except Exception:
            log.exception("stream input failed")
            return
        finally:
            self.gone.set()

    async def _deliver(self, frame: ch.Data | ch.Close | None) -> None:
        if isinstance(frame, ch.Close):
            if frame.channel == ch.STDIN and self.stdin_open:
                await self.ready.wait()
                self._close_stdin()
        elif frame is None:
            return
        elif frame.channel == ch.RESIZE:
            for size in self.resizes.feed(frame.data):
                self.size = size
                self.sized.set()
                if self.backend is not None:
                    self.backend.resize(size)
        elif frame.channel == ch.STDIN and self.stdin_open and frame.data:
            await self.ready.wait()
            if self.backend is None:
                return
            try:
                await self.backend.write_stdin(frame.data)
            except (BrokenPipeError, ConnectionError):
                self.stdin_open = False  # it stopped reading: drop the rest

    def _close_stdin(self) -> None:
        self.stdin_open = False
        if self.backend is not None:
            self.backend.close_stdin()

    async def pump(self, output: AsyncIterator[tuple[int, bytes]]) -> None:
        wanted = {ch.STDOUT: self.opts.stdout, ch.STDERR: self.opts.stderr}
        try:
            async for channel, data in output:
                if wanted.get(channel, False):
                    await self.send(channel, data)
        except (OSError, WebSocketDisconnect):
            self.gone.set()  # the send failed: the client is gone

    async def finish(self, status: st.Status) -> None:
        payload = ch.status_payload(self.proto, status)
        with contextlib.suppress(Exception):
            if payload is not None:
                await self.send(ch.ERROR, payload)
            await self.socket.close(code=NORMAL_CLOSURE)


async def run_session(
    socket: WebSocket, proto: ch.Protocol, opts: StreamOptions, start: Starter
) -> None:
    """Relay one session; ``start(size)`` makes the backend (StartError: the
    Status to send)."""
    s = _Session(socket, proto, opts)
    await socket.accept(subprotocols=proto.name or None)
    first = ch.STDOUT if opts.stdout else ch.STDERR if opts.stderr else ch.ERROR
    receiver = asyncio.create_task(s.receive(), name="stream receive")
    tasks: list[asyncio.Task[None]] = []
    try:
        await s.send(first, b"")
        if opts.tty:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(FIRST_RESIZE_WAIT):
                    await s.sized.wait()
        try:
            s.backend = await start(s.size)
        except StartError as exc:
            s.ready.set()
            await s.finish(exc.status)
            return
        s.ready.set()
        await _relay(s, s.backend, tasks, receiver)
    finally:
        s.ready.set()
        receiver.cancel()
        for task in tasks:
            task.cancel()
        await asyncio.gather(receiver, *tasks, return_exceptions=True)
        if s.backend is not None:
            await asyncio.shield(s.backend.aclose())


async def _relay(
    s: _Session, backend: Backend, tasks: list[asyncio.Task[None]], receiver: asyncio.Task[None]
) -> None:
    tasks += [asyncio.create_task(s.pump(out), name="stream output") for out in backend.outputs()]
    done = asyncio.create_task(backend.wait(), name="stream wait")
    gone = asyncio.create_task(s.gone.wait(), name="stream gone")
    try:
        await asyncio.wait({done, gone}, return_when=asyncio.FIRST_COMPLETED)
        if not done.done():
            await asyncio.shield(backend.abort())
            return
        status = done.result()
        # What the process wrote before it exited still goes out first.
        if tasks:
            drained = asyncio.ensure_future(asyncio.wait(tasks))
            await asyncio.wait({drained, gone}, timeout=OUTPUT_DRAIN, return_when="FIRST_COMPLETED")
            drained.cancel()
        if s.gone.is_set():
            return
        await s.finish(status)
    finally:
        for task in (done, gone):
            task.cancel()
        await asyncio.gather(done, gone, return_exceptions=True)
