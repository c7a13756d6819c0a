"""A real upstream resolver for the forwarding tests: dnspython answering on
127.0.0.1 (UDP and TCP, ephemeral ports), with zones the tests steer."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import dns.message
import dns.rcode
import dns.rrset
import pytest


def same_port_pair() -> tuple[socket.socket, socket.socket, int]:
    """A UDP and a TCP socket bound to one ephemeral 127.0.0.1 port (the UDP
    port's TCP twin may be taken: try a few)."""
    for _ in range(50):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = int(udp.getsockname()[1])
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        return udp, tcp, port
    raise RuntimeError("no port free for both UDP and TCP")


@dataclass
class Responder:
    """Answers from ``records`` (name -> rrset text lines); ``tc_names`` get
    TC over UDP (the full answer only over TCP); ``hold`` makes it wait
    before answering; ``silent`` names are never answered."""

    records: dict[str, list[str]] = field(default_factory=dict)
    tc_names: set[str] = field(default_factory=set)
    silent: set[str] = field(default_factory=set)
    hold: asyncio.Event | None = None
    seen_ids: list[int] = field(default_factory=list)
    udp_queries: int = 0
    tcp_queries: int = 0
    port: int = 0
    _transport: asyncio.DatagramTransport | None = None
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Future[None]] = field(default_factory=set)

    def reply(self, wire: bytes, tcp: bool) -> bytes | None:
        query = dns.message.from_wire(wire)
        self.seen_ids.append(query.id)
        q = query.question[0]
        name = q.name.to_text().lower()
        if name in self.silent:
            return None
        reply = dns.message.make_response(query, recursion_available=True)
        if name in self.tc_names and not tcp:
            reply.flags |= dns.flags.TC
            return reply.to_wire()
        lines = self.records.get(name)
        if lines is None:
            reply.set_rcode(dns.rcode.NXDOMAIN)
        else:
            reply.answer = [dns.rrset.from_text_list(q.name, 60, "IN", q.rdtype, lines)]
        return reply.to_wire()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        udp, tcp, self.port = same_port_pair()
        responder = self

        class Proto(asyncio.DatagramProtocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                responder._transport = transport  # type: ignore[assignment]

            def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
                responder.udp_queries += 1
                task = asyncio.ensure_future(responder._answer_udp(data, addr))
                responder._tasks.add(task)
                task.add_done_callback(responder._tasks.discard)

        await loop.create_datagram_endpoint(Proto, sock=udp)
        self._server = await asyncio.start_server(self._tcp, sock=tcp)

    async def _answer_udp(self, data: bytes, addr: tuple[str, int]) -> None:
        if self.hold is not None:
            await self.hold.wait()
        out = self.reply(data, tcp=False)
        if out is not None and self._transport is not None:
            self._transport.sendto(out, addr)

    async def _tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            size = int.from_bytes(await reader.readexactly(2), "big")
            self.tcp_queries += 1
            out = self.reply(await reader.readexactly(size), tcp=True)
            if out is not None:
                writer.write(len(out).to_bytes(2, "big") + out)
                await writer.drain()
        finally:
            writer.close()

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._transport is not None:
            self._transport.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


@pytest.fixture
async def upstream() -> AsyncIterator[Responder]:
    responder = Responder(
        records={
            "example.com.": ["93.184.216.34"],
            "many.example.": [f"192.0.2.{i}" for i in range(1, 101)],
        },
        tc_names={"many.example."},
        silent={"silent.example."},
    )
    await responder.start()
    yield responder
    await responder.stop()
