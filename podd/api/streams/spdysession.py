"""The port-forward SPDY/3.1 session, server side, over any byte pipe (for
kubectl ≥ 1.31 it is the WebSocket of ``SPDY/3.1+portforward.k8s.io``).

As the kubelet serves it: for every local connection kubectl opens an
``error`` stream, then a ``data`` stream (headers ``streamtype``, ``port``,
``requestid``), and waits for a SYN_REPLY to each. Once a request has both,
the pod's port is dialled and bytes relayed: the data stream's bytes to the
pod, the pod's bytes back as DATA frames, a FIN either way as a half-close.
When the forward is over the data stream is finished and the error stream
carries the failure, if any, then FIN: kubectl reads it to the end.

kubectl's SPDY library (moby/spdystream) does no flow control: it never
sends WINDOW_UPDATE and ignores ours, so windows are not enforced here
either. Memory stays bounded anyway: a stream's inbound queue is small and
the session stops reading while it is full; outbound, every frame waits for
the pipe to take it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from podd.api.streams import spdy
from podd.sandbox.podsocket import DialError

__all__ = ["Dial", "serve_portforward"]

log = logging.getLogger("podd.api.streams")

Dial = Callable[[int], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]
Recv = Callable[[], Awaitable[bytes | None]]
Send = Callable[[bytes], Awaitable[None]]

CHUNK = 256 * 1024  # per DATA frame: bigger frames, fewer WebSocket messages
INBOUND_CHUNKS = 16  # per data stream, before the session stops reading
PAIR_TIMEOUT = 30.0  # the kubelet's stream creation timeout
MAX_REQUESTS = 1024


class _Pair:
    __slots__ = ("data", "error", "port", "queue", "task", "timer")

    def __init__(self, port: int) -> None:
        self.port = port
        self.error: int | None = None
        self.data: int | None = None
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue(INBOUND_CHUNKS)
        self.task: asyncio.Task[None] | None = None
        self.timer: asyncio.TimerHandle | None = None


class _Session:
    def __init__(self, send: Send, dial: Dial, describe: Callable[[int, str], str]) -> None:
        self._send = send
        self._dial = dial
        self._describe = describe
        self._encoder = spdy.Encoder()
        self._lock = asyncio.Lock()  # frames leave in the order they were compressed
        self._pairs: dict[str, _Pair] = {}
        self._streams: dict[int, str] = {}  # stream id → request id
        self._last_id = 0

    async def write(self, frame: spdy.Frame) -> None:
        async with self._lock:
            await self._send(self._encoder.encode(frame))

    async def on_frame(self, frame: spdy.Frame) -> bool:
        """Handle one frame; False when the session is over (GOAWAY)."""
        if isinstance(frame, spdy.SynStream):
            await self._open(frame)
        elif isinstance(frame, spdy.Data):
            request = self._streams.get(frame.stream_id)
            pair = self._pairs.get(request) if request is not None else None
            if pair is not None and frame.stream_id == pair.data:
                if frame.data:
                    await pair.queue.put(frame.data)
                if frame.fin:
                    await pair.queue.put(None)
        elif isinstance(frame, spdy.RstStream):
            request = self._streams.get(frame.stream_id)
            if request is not None:
                self._end(request)
        elif isinstance(frame, spdy.Ping):
            if frame.id % 2 == 1:  # the client's: echoed; ours would be even
                await self.write(frame)
        elif isinstance(frame, spdy.GoAway):
            return False
        return True  # SETTINGS, WINDOW_UPDATE, HEADERS, SYN_REPLY: nothing to do

    async def _open(self, frame: spdy.SynStream) -> None:
        sid = frame.stream_id
        if sid % 2 == 0 or sid <= self._last_id:
            await self.write(spdy.RstStream(sid, spdy.PROTOCOL_ERROR))
            return
        self._last_id = sid
        headers = {k.lower(): v for k, v in frame.headers}
        kind, port_text = headers.get("streamtype"), headers.get("port", "")
        request = headers.get("requestid", "")
        port = int(port_text) if port_text.isdigit() else 0
        if kind not in ("error", "data") or not 0 < port < 65536:
            await self.write(spdy.RstStream(sid, spdy.PROTOCOL_ERROR))
            return
        if not request:  # clients before requestID: a pair is an error then a data stream
            request = f"legacy-{sid if kind == 'error' else sid - 2}"
        pair = self._pairs.get(request)
        if pair is None:
            if len(self._pairs) >= MAX_REQUESTS:
                await self.write(spdy.RstStream(sid, spdy.REFUSED_STREAM))
                return
            pair = self._pairs[request] = _Pair(port)
            pair.timer = asyncio.get_running_loop().call_later(PAIR_TIMEOUT, self._end, request)
        if getattr(pair, kind) is not None:
            await self.write(spdy.RstStream(sid, spdy.STREAM_IN_USE))
            return
        setattr(pair, kind, sid)
        self._streams[sid] = request
        await self.write(spdy.SynReply(sid))
        if pair.error is not None and pair.data is not None and pair.task is None:
            if pair.timer is not None:
                pair.timer.cancel()
            pair.task = asyncio.create_task(self._forward(request, pair), name="port-forward")

    async def _forward(self, request: str, pair: _Pair) -> None:
        assert pair.data is not None and pair.error is not None
        failure = ""
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer = await self._dial(pair.port)
            up = asyncio.create_task(_to_pod(pair.queue, writer))
            try:
                while chunk := await reader.read(CHUNK):
                    await self.write(spdy.Data(pair.data, chunk))
                await self.write(spdy.Data(pair.data, b"", fin=True))
                await up
            finally:
                up.cancel()
                await asyncio.gather(up, return_exceptions=True)
        except DialError as exc:
            failure = str(exc)
        except (ConnectionError, OSError) as exc:
            failure = f"{type(exc).__name__}: {exc}"
        finally:
            if writer is not None:
                writer.close()
        with contextlib.suppress(Exception):
            if failure:
                text = self._describe(pair.port, failure)
                log.info("port-forward failed", extra={"port": pair.port, "error": failure})
                await self.write(spdy.Data(pair.error, text.encode()))
                await self.write(spdy.Data(pair.data, b"", fin=True))
            await self.write(spdy.Data(pair.error, b"", fin=True))
        self._forget(request)

    def _end(self, request: str) -> None:
        """A reset, or a pair never completed: stop it and forget it."""
        pair = self._pairs.get(request)
        if pair is None:
            return
        if pair.task is not None:
            pair.task.cancel()
        self._forget(request)

    def _forget(self, request: str) -> None:
        pair = self._pairs.pop(request, None)
        if pair is None:
            return
        if pair.timer is not None:
            pair.timer.cancel()
        for sid in (pair.error, pair.data):
            if sid is not None:
                self._streams.pop(sid, None)
        while not pair.queue.empty():  # a read loop waiting to queue more goes on
            pair.queue.get_nowait()

    async def close(self) -> None:
        tasks = [p.task for p in self._pairs.values() if p.task is not None]
        for request in list(self._pairs):
            self._end(request)
        await asyncio.gather(*tasks, return_exceptions=True)


async def _to_pod(queue: asyncio.Queue[bytes | None], writer: asyncio.StreamWriter) -> None:
    while (chunk := await queue.get()) is not None:
        writer.write(chunk)
        await writer.drain()
    if writer.can_write_eof():
        writer.write_eof()  # the client half-closed: so does the pod's side


async def serve_portforward(
    recv: Recv, send: Send, dial: Dial, describe: Callable[[int, str], str]
) -> None:
    """Serve one port-forward session until the client closes it (or sends
    GOAWAY, or breaks the protocol); every pod connection is closed then.
    ``describe(port, reason)``: the text for a failed forward's error stream."""
    session = _Session(send, dial, describe)
    decoder = spdy.Decoder()
    try:
        while (chunk := await recv()) is not None:
            for frame in decoder.feed(chunk):
                if not await session.on_frame(frame):
                    return
    except spdy.SpdyError as exc:
        log.info("port-forward protocol error", extra={"error": str(exc)})
        with contextlib.suppress(Exception):
            await session.write(spdy.GoAway(session._last_id, spdy.PROTOCOL_ERROR))
    finally:
        await session.close()
