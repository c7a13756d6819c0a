"""The port-forward SPDY session against a real TCP server on 127.0.0.1
(standing in for the pod's port), driven frame by frame as kubectl does."""

from __future__ import annotations

import asyncio
import hashlib
import os
import struct
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from podd.api.streams import spdy, spdysession
from podd.api.streams.spdysession import serve_portforward
from podd.sandbox.podsocket import DialError

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()  # EOF from the client: the echo ends too


class Client:
    """kubectl's side: an encoder, a decoder and the session's pipes."""

    def __init__(self) -> None:
        self.enc = spdy.Encoder()
        self.dec = spdy.Decoder()
        self.to_server: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.from_server: asyncio.Queue[bytes] = asyncio.Queue()
        self.frames: list[spdy.Frame] = []
        self.data: dict[int, bytearray] = {}
        self.fins: set[int] = set()

    async def recv(self) -> bytes | None:
        return await self.to_server.get()

    async def send(self, data: bytes) -> None:
        await self.from_server.put(data)

    def put(self, *frames: spdy.Frame) -> None:
        for frame in frames:
            self.to_server.put_nowait(self.enc.encode(frame))

    def request(self, rid: int, port: int, first: int) -> tuple[int, int]:
        """An error then a data stream for ``port``: their ids."""
        for sid, kind in ((first, "error"), (first + 2, "data")):
            headers = (("streamtype", kind), ("port", str(port)), ("requestid", str(rid)))
            self.put(spdy.SynStream(sid, headers))
        return first, first + 2

    async def until(self, done: Callable[[], bool], timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            assert left > 0, f"timed out; frames so far: {self.frames[-5:]}"
            chunk = await asyncio.wait_for(self.from_server.get(), left)
            for frame in self.dec.feed(chunk):
                self.frames.append(frame)
                if isinstance(frame, spdy.Data):
                    self.data.setdefault(frame.stream_id, bytearray()).extend(frame.data)
                    if frame.fin:
                        self.fins.add(frame.stream_id)


@asynccontextmanager
async def session(handler: Handler = _echo) -> AsyncIterator[tuple[Client, list[int]]]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    dialled: list[int] = []

    async def dial(p: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        dialled.append(p)
        if p != port:
            raise DialError(f"nothing on {p}")
        return await asyncio.open_connection("127.0.0.1", p)

    client = Client()
    task = asyncio.create_task(
        serve_portforward(client.recv, client.send, dial, lambda p, r: f"port {p}: {r}")
    )
    try:
        yield client, [port]
    finally:
        client.to_server.put_nowait(None)
        await asyncio.wait_for(task, 10)
        server.close()
        await server.wait_closed()


def test_a_request_is_replied_relayed_and_finished() -> None:
    async def run() -> None:
        async with session() as (c, (port,)):
            err, data = c.request(0, port, 1)
            await c.until(lambda: len([f for f in c.frames if isinstance(f, spdy.SynReply)]) == 2)
            c.put(spdy.Data(data, b"hello "), spdy.Data(data, b"pod", fin=True))
            await c.until(lambda: {err, data} <= c.fins)
            assert bytes(c.data[data]) == b"hello pod"
            assert bytes(c.data.get(err, b"")) == b""  # no error: an empty, finished stream

    asyncio.run(run())


def test_a_port_that_cannot_be_dialled_says_why_on_the_error_stream() -> None:
    async def run() -> None:
        async with session() as (c, _):
            err, data = c.request(0, 9, 1)
            await c.until(lambda: {err, data} <= c.fins)
            assert bytes(c.data[err]) == b"port 9: nothing on 9"

    asyncio.run(run())


def test_pings_are_echoed_and_goaway_ends_the_session() -> None:
    async def run() -> None:
        async with session() as (c, _):
            c.put(spdy.Ping(1))
            await c.until(lambda: spdy.Ping(1) in c.frames)
            c.put(spdy.GoAway(0))

    asyncio.run(run())


def test_bad_streams_are_reset() -> None:
    async def run() -> None:
        async with session() as (c, _):
            c.put(spdy.SynStream(2, (("streamtype", "data"), ("port", "1"))))  # even: the server's
            c.put(spdy.SynStream(3, (("streamtype", "bogus"), ("port", "1"))))
            c.put(spdy.SynStream(5, (("streamtype", "data"), ("port", "0"))))
            c.put(spdy.SynStream(7, (("streamtype", "data"), ("port", "\u0668\u0660"))))  # digits
            c.put(spdy.SynStream(9, (("streamtype", "data"), ("port", "9" * 5000))))
            c.put(spdy.SynStream(9, (("streamtype", "data"), ("port", "80"))))  # id reused
            await c.until(lambda: sum(isinstance(f, spdy.RstStream) for f in c.frames) == 6)
            # Ids are checked as spdystream does (PROTOCOL_ERROR); headers the
            # kubelet refuses get spdystream's Reset (CANCEL). The session lives on.
            statuses = [f.status for f in c.frames if isinstance(f, spdy.RstStream)]
            assert statuses == [1, 5, 5, 5, 5, 1]
            c.put(spdy.Ping(11))
            await c.until(lambda: spdy.Ping(11) in c.frames)

    asyncio.run(run())


def test_many_parallel_connections_and_megabytes_intact() -> None:
    async def run() -> None:
        async with session() as (c, (port,)):
            streams = [c.request(rid, port, 1 + 4 * rid) for rid in range(20)]
            payloads = {data: os.urandom(512 * 1024) for _, data in streams}
            for data, payload in payloads.items():
                for i in range(0, len(payload), 16384):
                    c.put(spdy.Data(data, payload[i : i + 16384]))
                c.put(spdy.Data(data, b"", fin=True))
            await c.until(lambda: all({e, d} <= c.fins for e, d in streams), timeout=60)
            for data, payload in payloads.items():
                assert hashlib.sha256(c.data[data]).digest() == hashlib.sha256(payload).digest()

    asyncio.run(run())


def test_the_client_leaving_closes_every_pod_connection() -> None:
    closed: list[bool] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"up")
        await writer.drain()
        closed.append(await reader.read() == b"")  # EOF once podd let go
        writer.close()

    async def run() -> None:
        async with session(hold) as (c, (port,)):
            _, data = c.request(0, port, 1)
            await c.until(lambda: bytes(c.data.get(data, b"")) == b"up")
        # The session is over (recv gave None): the pod side saw its EOF.
        for _ in range(100):
            if closed:
                break
            await asyncio.sleep(0.02)

    asyncio.run(run())
    assert closed == [True]


def test_a_reset_stream_ends_its_connection() -> None:
    closed = asyncio.Event()

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"up")
        await writer.drain()
        await reader.read()
        closed.set()

    async def run() -> None:
        async with session(hold) as (c, (port,)):
            _, data = c.request(0, port, 1)
            await c.until(lambda: bytes(c.data.get(data, b"")) == b"up")
            c.put(spdy.RstStream(data, spdy.CANCEL))
            await asyncio.wait_for(closed.wait(), 10)

    asyncio.run(run())


def test_kubectl_132_resets_the_data_stream_once_the_pod_is_done() -> None:
    """kubectl >= 1.32: remote copy done → RST the data stream → read the
    error stream to its end; only then is the local connection let go."""

    async def bye(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"bye")
        await writer.drain()
        writer.close()

    async def run() -> None:
        async with session(bye) as (c, (port,)):
            err, data = c.request(0, port, 1)
            await c.until(lambda: data in c.fins)
            assert bytes(c.data[data]) == b"bye"
            c.put(spdy.RstStream(data, spdy.CANCEL))
            await c.until(lambda: err in c.fins)
            assert bytes(c.data.get(err, b"")) == b""

    asyncio.run(run())


def test_a_client_that_never_finishes_still_gets_the_error_streams_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """kubectl 1.31 neither resets nor half-closes before reading the error
    stream: after the pod's EOF its last bytes get a grace, then it ends."""
    monkeypatch.setattr(spdysession, "GRACE", 0.05)
    got = bytearray()

    async def short(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        got.extend(await reader.readexactly(4))
        writer.write(b"ok")
        await writer.drain()
        writer.close()

    async def run() -> None:
        async with session(short) as (c, (port,)):
            err, data = c.request(0, port, 1)
            c.put(spdy.Data(data, b"ping"))
            await c.until(lambda: {err, data} <= c.fins)
            assert bytes(c.data[data]) == b"ok"

    asyncio.run(run())
    assert got == b"ping"


def test_a_reset_mid_transfer_closes_the_pod_side_and_ends_the_error_stream() -> None:
    closed = asyncio.Event()

    async def chatty(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"up")
        await writer.drain()
        await reader.read()  # EOF (or reset) once podd let go
        closed.set()
        writer.close()

    async def run() -> None:
        async with session(chatty) as (c, (port,)):
            err, data = c.request(0, port, 1)
            await c.until(lambda: bytes(c.data.get(data, b"")) == b"up")
            c.put(spdy.RstStream(data, spdy.CANCEL))
            await c.until(lambda: err in c.fins)
            await asyncio.wait_for(closed.wait(), 10)
            assert data not in c.fins  # nothing more on a reset stream

    asyncio.run(run())


def test_clients_without_request_ids_are_paired_by_stream_order() -> None:
    async def run() -> None:
        async with session() as (c, (port,)):
            for sid, kind in ((1, "error"), (3, "data"), (5, "error"), (7, "data")):
                c.put(spdy.SynStream(sid, (("streamtype", kind), ("port", str(port)))))
            c.put(spdy.Data(3, b"one", fin=True), spdy.Data(7, b"two", fin=True))
            await c.until(lambda: {1, 3, 5, 7} <= c.fins)
            assert (bytes(c.data[3]), bytes(c.data[7])) == (b"one", b"two")

    asyncio.run(run())


def test_a_pair_never_completed_is_told_on_its_error_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spdysession, "PAIR_TIMEOUT", 0.05)

    async def run() -> None:
        async with session() as (c, (port,)):
            headers = (("streamtype", "error"), ("port", str(port)), ("requestid", "7"))
            c.put(spdy.SynStream(1, headers))
            await c.until(lambda: 1 in c.fins)
            assert bytes(c.data[1]) == b"(request=7) timed out waiting for streams"
            # The request is forgotten: a late data stream starts a new pair.
            c.put(spdy.SynStream(3, (("streamtype", "data"), *headers[1:])))
            await c.until(lambda: spdy.SynReply(3) in c.frames)

    asyncio.run(run())


def test_the_same_stream_kind_twice_in_a_request_is_refused() -> None:
    async def run() -> None:
        async with session() as (c, (port,)):
            c.request(0, port, 1)
            headers = (("streamtype", "data"), ("port", str(port)), ("requestid", "0"))
            c.put(spdy.SynStream(5, headers))
            await c.until(lambda: spdy.RstStream(5, spdy.STREAM_IN_USE) in c.frames)

    asyncio.run(run())


def test_a_protocol_error_is_answered_with_goaway_and_ends_the_session() -> None:
    async def run() -> None:
        async with session() as (c, _):
            c.to_server.put_nowait(struct.pack(">HHII", 0x8002, 6, 4, 1))  # SPDY/2 PING
            await c.until(lambda: any(isinstance(f, spdy.GoAway) for f in c.frames))
            goaway = next(f for f in c.frames if isinstance(f, spdy.GoAway))
            assert goaway.status == spdy.PROTOCOL_ERROR

    asyncio.run(run())


def test_flow_control_and_settings_frames_are_ignored() -> None:
    """spdystream never enforces windows: neither does the session; frames
    it has no use for do not disturb a connection under way."""

    async def run() -> None:
        async with session() as (c, (port,)):
            err, data = c.request(0, port, 1)
            c.put(spdy.Settings(((0, 7, 1),)), spdy.WindowUpdate(data, 1))
            c.put(spdy.Headers(data, (("x", "y"),)), spdy.WindowUpdate(0, 5))
            c.put(spdy.Data(data, b"z" * 100_000, fin=True))
            await c.until(lambda: {err, data} <= c.fins)
            assert bytes(c.data[data]) == b"z" * 100_000
            assert not [f for f in c.frames if isinstance(f, spdy.RstStream | spdy.GoAway)]

    asyncio.run(run())


@pytest.mark.parametrize("size_mb", [32])
def test_throughput_figure(size_mb: int, capsys: pytest.CaptureFixture[str]) -> None:
    """Random bytes through the session to a local echo, back intact; the
    rate is a figure for the notes, never asserted."""

    async def run() -> float:
        async with session() as (c, (port,)):
            _, data = c.request(0, port, 1)
            payload = os.urandom(size_mb << 20)
            t0 = time.monotonic()
            for i in range(0, len(payload), 32768):  # kubectl's io.Copy buffer
                c.put(spdy.Data(data, payload[i : i + 32768]))
            c.put(spdy.Data(data, b"", fin=True))
            await c.until(lambda: data in c.fins, timeout=120)
            took = time.monotonic() - t0
            assert hashlib.sha256(c.data[data]).digest() == hashlib.sha256(payload).digest()
            return took

    took = asyncio.run(run())
    with capsys.disabled():
        print(f"\nspdy session echo: {size_mb / took:.0f} MiB/s each way")
