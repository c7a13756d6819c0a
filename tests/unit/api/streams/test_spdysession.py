"""The port-forward SPDY session against a real TCP server on 127.0.0.1
(standing in for the pod's port), driven frame by frame as kubectl does."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from podd.api.streams import spdy
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
            await c.until(lambda: sum(isinstance(f, spdy.RstStream) for f in c.frames) == 3)
            assert [f.status for f in c.frames if isinstance(f, spdy.RstStream)] == [1, 1, 1]

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


@pytest.mark.parametrize("size_mb", [32])
def test_throughput_figure(size_mb: int, capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes through the session to a local echo: a figure, never asserted."""

    async def run() -> float:
        async with session() as (c, (port,)):
            _, data = c.request(0, port, 1)
            block = os.urandom(32768)
            t0 = time.monotonic()
            for _ in range(size_mb * 32):
                c.put(spdy.Data(data, block))
            c.put(spdy.Data(data, b"", fin=True))
            await c.until(lambda: data in c.fins, timeout=120)
            assert len(c.data[data]) == size_mb << 20
            return time.monotonic() - t0

    took = asyncio.run(run())
    with capsys.disabled():
        print(f"\nspdy session echo: {size_mb / took:.0f} MiB/s each way")
