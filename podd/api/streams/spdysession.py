"""The port-forward SPDY/3.1 session, server side, over any byte pipe (for
kubectl ≥ 1.31 it is the WebSocket of ``SPDY/3.1+portforward.k8s.io``).

As the kubelet serves it: for every local connection kubectl opens an
``error`` stream, then a ``data`` stream (headers ``streamtype``, ``port``,
``requestid``), and waits for a SYN_REPLY to each. Once a request has both,
the pod's port is dialled and bytes relayed: the data stream's bytes to the
pod, the pod's bytes back as DATA frames, a FIN either way as a half-close.
When the forward is over the data stream is finished and the error stream
carries the failure, if any, then FIN: kubectl reads it to the end.

The error stream always ends (FIN), as the kubelet's deferred Close does:
kubectl ≥ 1.32 resets the data stream once the pod's side ended and then
reads the error stream to its end before it lets the local connection go.
Once the pod has finished, the client's last bytes get a short grace to
reach it (containerd's 1 s), then the connection is closed.

kubectl's SPDY library (moby/spdystream) does no flow control: it never
sends WINDOW_UPDATE and ignores ours, so windows are not enforced here
either. Memory stays bounded anyway: a stream's inbound queue is small and
the session stops reading while it is full (spdystream's reader blocks the
same way); outbound, every frame waits for the pipe to take it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from podd.api.streams import spdy
from podd.sandbox.podsocket import DialError

__all__ = ["Dial", "serve_portforward", "to_pod"]

log = logging.getLogger("podd.api.streams")

Dial = Callable[[int], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]
Recv = Callable[[], Awaitable[bytes | None]]
Send = Callable[[bytes], Awaitable[None]]

CHUNK = 256 * 1024  # per DATA frame: bigger frames, fewer WebSocket messages
INBOUND_CHUNKS = 16  # per data stream, before the session stops reading
PAIR_TIMEOUT = 30.0  # the kubelet's stream creation timeout
GRACE = 1.0  # containerd: once one direction ends, the other gets 1 s
MAX_REQUESTS = 1024


class _Pair:
    __slots__ = ("data", "error", "fin_sent", "port", "queue", "relay", "reset", "task", "timer")

    def __init__(self, port: int) -> None:
        self.port = port
        self.error: int | None = None
        self.data: int | None = None
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue(INBOUND_CHUNKS)
        self.task: asyncio.Task[None] | None = None  # the forward: relay, then the error stream
        self.relay: asyncio.Task[str] | None = None  # the pod connection; its failure, if any
        self.timer: asyncio.TimerHandle | None = None
        self.reset: set[str] = set()  # stream kinds the client reset
        self.fin_sent = False  # the data stream's


def _port(text: str) -> int:
    """The ``port`` header as the kubelet reads it (ParseUint, 16 bits); 0 if bad."""
    if not (text.isascii() and text.isdigit() and len(text) <= 5):
        return 0
    port = int(text)
    return port if port < 65536 else 0


class _Session:
    def __init__(self, send: Send, dial: Dial, describe: Callable[[int, str], str]) -> None:
        self._send = send
        self._dial = dial
        self._describe = describe
        self._encoder = spdy.Encoder()
        self._lock = asyncio.Lock()  # frames leave in the order they were compressed
        self._pairs: dict[str, _Pair] = {}
        self._streams: dict[int, str] = {}  # stream id → request id
        self._notes: set[asyncio.Task[None]] = set()  # timeouts told on error streams
        self.last_id = 0

    async def write(self, frame: spdy.Frame) -> None:
        async with self._lock:
            await self._send(self._encoder.encode(frame))

    async def on_frame(self, frame: spdy.Frame) -> bool:
        """Handle one frame; False when the session is over (GOAWAY)."""
        if isinstance(frame, spdy.SynStream):
            await self._open(frame)
        elif isinstance(frame, spdy.Data):
            pair = self._pair_of(frame.stream_id)
            if pair is not None and frame.stream_id == pair.data:
                if frame.data:
                    await pair.queue.put(frame.data)
                if frame.fin:
                    await pair.queue.put(None)
        elif isinstance(frame, spdy.RstStream):
            self._reset(frame.stream_id)
        elif isinstance(frame, spdy.Ping):
            if frame.id % 2 == 1:  # the client's: echoed; ours would be even
                await self.write(frame)
        elif isinstance(frame, spdy.GoAway):
            return False
        return True  # SETTINGS, WINDOW_UPDATE, HEADERS, SYN_REPLY: nothing to do

    def _pair_of(self, sid: int) -> _Pair | None:
        request = self._streams.get(sid)
        return self._pairs.get(request) if request is not None else None

    async def _open(self, frame: spdy.SynStream) -> None:
        sid = frame.stream_id
        if sid % 2 == 0 or sid <= self.last_id:  # spdystream's stream id check
            await self.write(spdy.RstStream(sid, spdy.PROTOCOL_ERROR))
            return
        self.last_id = sid
        headers = {k.lower(): v for k, v in frame.headers}
        kind, port = headers.get("streamtype"), _port(headers.get("port", ""))
        request = headers.get("requestid", "")
        if kind not in ("error", "data") or not port:
            # The kubelet's stream handler refuses it; spdystream resets with CANCEL.
            await self.write(spdy.RstStream(sid, spdy.CANCEL))
            return
        if not request:  # clients before requestID: a pair is an error then a data stream
            request = f"legacy-{sid if kind == 'error' else sid - 2}"
        pair = self._pairs.get(request)
        if pair is None:
            if len(self._pairs) >= MAX_REQUESTS:
                await self.write(spdy.RstStream(sid, spdy.REFUSED_STREAM))
                return
            pair = self._pairs[request] = _Pair(port)
            pair.timer = asyncio.get_running_loop().call_later(PAIR_TIMEOUT, self._expire, request)
        if getattr(pair, kind) is not None:
            await self.write(spdy.RstStream(sid, spdy.STREAM_IN_USE))
            return
        setattr(pair, kind, sid)
        self._streams[sid] = request
        await self.write(spdy.SynReply(sid))
        if pair.error is not None and pair.data is not None and pair.task is None:
            if pair.timer is not None:
                pair.timer.cancel()
            pair.relay = asyncio.create_task(self._relay(pair), name="port-forward relay")
            pair.task = asyncio.create_task(self._forward(request, pair), name="port-forward")

    async def _relay(self, pair: _Pair) -> str:
        """Bytes both ways until the pod's side ends; the failure, if any."""
        assert pair.data is not None
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer = await self._dial(pair.port)
            up = asyncio.create_task(to_pod(pair.queue, writer))
            try:
                while chunk := await reader.read(CHUNK):
                    await self.write(spdy.Data(pair.data, chunk))
                pair.fin_sent = True
                await self.write(spdy.Data(pair.data, b"", fin=True))
                await asyncio.wait({up}, timeout=GRACE)
                if up.done():
                    up.result()  # a failed write to the pod is the forward's failure
            finally:
                up.cancel()
                await asyncio.gather(up, return_exceptions=True)
        except DialError as exc:
            return str(exc)
        except (ConnectionError, OSError) as exc:
            return f"{type(exc).__name__}: {exc}"
        finally:
            if writer is not None:
                writer.close()
        return ""

    async def _forward(self, request: str, pair: _Pair) -> None:
        """Await the relay (a reset data stream cancels it), then end the
        error stream, with the failure's text first if there was one."""
        assert pair.relay is not None and pair.data is not None and pair.error is not None
        try:
            await asyncio.wait({pair.relay})
        finally:
            pair.relay.cancel()  # the session is closing: the relay goes with it
        failure = "" if pair.relay.cancelled() else pair.relay.result()
        with contextlib.suppress(Exception):
            if failure:
                log.info("port-forward failed", extra={"port": pair.port, "error": failure})
                if "error" not in pair.reset:
                    text = self._describe(pair.port, failure)
                    await self.write(spdy.Data(pair.error, text.encode()))
                if "data" not in pair.reset and not pair.fin_sent:
                    await self.write(spdy.Data(pair.data, b"", fin=True))
            if "error" not in pair.reset:
                await self.write(spdy.Data(pair.error, b"", fin=True))
        self._forget(request)

    def _reset(self, sid: int) -> None:
        """RST_STREAM from the client: nothing more is sent on that stream; a
        reset data stream ends the connection, the error stream still ends."""
        pair = self._pair_of(sid)
        if pair is None:
            return
        request = self._streams.pop(sid)
        pair.reset.add("data" if sid == pair.data else "error")
        if pair.task is None:  # never paired: nothing runs yet
            self._forget(request)
        elif sid == pair.data and pair.relay is not None:
            pair.relay.cancel()
            _drain(pair.queue)  # a read loop waiting to queue more goes on

    def _expire(self, request: str) -> None:
        """A pair never completed: say so on its error stream, as the kubelet does."""
        pair = self._pairs.get(request)
        if pair is None:
            return
        self._forget(request)
        if pair.error is not None and "error" not in pair.reset:
            text = f"(request={request}) timed out waiting for streams"
            note = asyncio.create_task(self._tell(pair.error, text))
            self._notes.add(note)
            note.add_done_callback(self._notes.discard)

    async def _tell(self, sid: int, text: str) -> None:
        with contextlib.suppress(Exception):
            await self.write(spdy.Data(sid, text.encode()))
            await self.write(spdy.Data(sid, b"", fin=True))

    def _forget(self, request: str) -> None:
        pair = self._pairs.pop(request, None)
        if pair is None:
            return
        if pair.timer is not None:
            pair.timer.cancel()
        for sid in (pair.error, pair.data):
            if sid is not None:
                self._streams.pop(sid, None)
        _drain(pair.queue)

    async def close(self) -> None:
        tasks = [t for p in self._pairs.values() for t in (p.task, p.relay) if t is not None]
        tasks += self._notes
        for request in list(self._pairs):
            self._forget(request)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _drain(queue: asyncio.Queue[bytes | None]) -> None:
    while not queue.empty():
        queue.get_nowait()


async def to_pod(queue: asyncio.Queue[bytes | None], writer: asyncio.StreamWriter) -> None:
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
            await session.write(spdy.GoAway(session.last_id, spdy.GOAWAY_PROTOCOL_ERROR))
    finally:
        await session.close()
