"""Cluster DNS on podd's event loop: UDP and TCP (length-prefixed,
pipelined) on sockets handed in (made in the pod network's namespace by a
helper; the server owns them from :meth:`DNSServer.start` on).

Names of the cluster zone are answered at once from the resolver's
snapshot; a repeated query is answered from the bytes rendered for it
(until the next snapshot), address records rotating so each leads in turn.
Everything else goes upstream (:class:`Forwarder`), kept answers first
(:class:`AnswerCache`), at most ``max_inflight`` at a time — past that
REFUSED, as CoreDNS's forward plugin answers past ``max_concurrent``; an
ExternalName's CNAME to an outside name is completed from upstream the same
way. A failed upstream is SERVFAIL. Packets too short to carry a header,
and responses, are dropped; a header with a body that does not parse gets
FORMERR; opcodes other than QUERY NOTIMP; EDNS versions but 0 BADVERS. UDP
answers are cut to the client's size (512, or its EDNS payload) with TC
set, so it retries over TCP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, cast

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdatatype

from podd.dns.cache import AnswerCache, udp_size
from podd.dns.records import Resolver
from podd.dns.upstream import Forwarder

log = logging.getLogger("podd.dns")

UDP_DEFAULT = 512
HEADER = 12
ADDRESS_TYPES = (dns.rdatatype.A, dns.rdatatype.AAAA)
# Answers with more address records than this are rendered each time: every
# rotation kept would cost memory by the square of the endpoints.
MAX_ORDERS = 32


@dataclass
class Pending:
    """A query that waits on an upstream: the client's own (``ask`` is the
    query itself), or the target of an ExternalName's CNAME (``ask`` is a
    query for the target; its answers complete ``alias``)."""

    query: dns.message.Message
    ask: dns.message.Message
    wire: bytes  # what goes upstream
    alias: dns.message.Message | None = None


# An immediate answer (None: drop the packet), or what to forward.
Prepared = tuple[bytes | None, Pending | None]


class DNSServer:
    def __init__(
        self,
        resolver: Resolver,
        forwarder: Forwarder | None = None,
        *,
        max_inflight: int = 1000,
        max_tcp_clients: int = 256,
        tcp_idle: float = 10.0,
        max_cached: int = 10_000,
        answer_cache: AnswerCache | None = None,
    ) -> None:
        self.resolver = resolver
        self.forwarder = forwarder
        self.max_inflight = max_inflight
        self.max_tcp_clients = max_tcp_clients
        self.tcp_idle = tcp_idle
        self.inflight = 0  # queries waiting on an upstream
        # Answers of the cluster zone by the query's bytes after its ID: a
        # repeated query (the common case) skips parsing and rendering.
        self._cache: dict[tuple[bytes, int | None], _Cached] = {}
        self._cache_index: object = None
        self._turn = 0
        self.max_cached = max_cached
        self.answer_cache = answer_cache  # upstream answers (None: every one asked again)
        self._transports: list[tuple[asyncio.DatagramTransport, _UDP]] = []
        self._servers: list[asyncio.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._tcp_clients: set[asyncio.StreamWriter] = set()

    # -- lifecycle -------------------------------------------------------
    async def start(
        self, udp: Sequence[socket.socket] = (), tcp: Sequence[socket.socket] = ()
    ) -> None:
        """Serve on bound sockets (TCP ones are put to listen)."""
        loop = asyncio.get_running_loop()
        for sock in udp:
            sock.setblocking(False)
            transport, proto = await loop.create_datagram_endpoint(lambda: _UDP(self), sock=sock)
            self._transports.append((transport, proto))
        for sock in tcp:
            sock.setblocking(False)
            self._servers.append(await asyncio.start_server(self._tcp_client, sock=sock))

    async def stop(self) -> None:
        for transport, _ in self._transports:
            transport.close()
        for server in self._servers:
            server.close()
        for writer in list(self._tcp_clients):
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()
        for _, proto in self._transports:  # the socket is closed a loop turn later
            await proto.closed.wait()
        self._transports.clear()
        self._servers.clear()

    # -- one query -------------------------------------------------------
    def prepare(self, wire: bytes, limit: int | None) -> Prepared:
        """An immediate answer (None: drop it), or what to pass to
        :meth:`forward` (which frees the in-flight slot taken for it).
        ``limit``: the UDP size (None over TCP)."""
        if len(wire) < HEADER or wire[2] & 0x80:  # no header, or a response
            return None, None
        if self._cache_index is not self.resolver.index:  # a new snapshot
            self._cache.clear()
            self._cache_index = self.resolver.index
        key = (wire[2:], limit)
        entry = self._cache.get(key)
        self._turn += 1  # rotates answers that are not kept
        turn = self._turn
        if entry is not None:
            turn = entry.next_turn()
            cached = entry.variants[turn]
            if cached is not None:
                return wire[:2] + cached, None
        if entry is None and self.answer_cache is not None:
            # An outside name answered before: no parsing (forwarded keys
            # are never the cluster zone's).
            kept = self.answer_cache.get(wire[2:], wire[:2], limit)
            if kept is not None:
                return kept, None
        try:
            query = dns.message.from_wire(wire)
        except (dns.exception.DNSException, ValueError, IndexError):
            return _formerr(wire), None
        if query.opcode() != dns.opcode.QUERY:
            return self._render(_error(query, dns.rcode.NOTIMP), query, limit), None
        if len(query.question) != 1:
            return self._render(_error(query, dns.rcode.FORMERR), query, limit), None
        if query.edns > 0:  # only EDNS version 0 exists (RFC 6891)
            return self._render(_error(query, dns.rcode.BADVERS), query, limit), None
        reply = self.resolver.answer(query, turn)
        if reply is not None:
            target = self._outside_alias(query, reply)
            if target is not None:
                return self._chase(query, reply, target, limit)
            answer = self._render(reply, query, limit)
            orders = _orders(reply)
            if entry is None and self.max_cached > 0 and orders <= MAX_ORDERS:
                if len(self._cache) >= self.max_cached:
                    self._cache.clear()
                entry = self._cache[key] = _Cached(orders)
                entry.turn = turn % orders
            if entry is not None:
                entry.variants[turn % len(entry.variants)] = answer[2:]
            return answer, None
        if self.forwarder is None or not self.forwarder.upstreams:
            return self._render(_error(query, dns.rcode.SERVFAIL), query, limit), None
        if self.inflight >= self.max_inflight:
            return self._render(_error(query, dns.rcode.REFUSED), query, limit), None
        self.inflight += 1  # the slot is taken now: a burst cannot overshoot
        return None, Pending(query, query, wire)

    def _outside_alias(
        self, query: dns.message.Message, reply: dns.message.Message
    ) -> dns.name.Name | None:
        """The target of an A/AAAA answer ending in a CNAME out of the zone."""
        if query.question[0].rdtype not in ADDRESS_TYPES or not reply.answer:
            return None
        last = reply.answer[-1]
        if last.rdtype != dns.rdatatype.CNAME or self.forwarder is None:
            return None
        target: dns.name.Name = last[0].target
        return None if self.resolver.owns(target) else target

    def _chase(
        self,
        query: dns.message.Message,
        reply: dns.message.Message,
        target: dns.name.Name,
        limit: int | None,
    ) -> Prepared:
        """Ask upstream for an ExternalName's target, as CoreDNS completes
        the CNAME with the target's records (kept ones first)."""
        ask = dns.message.make_query(target, query.question[0].rdtype)
        wire = ask.to_wire()
        if self.answer_cache is not None:
            kept = self.answer_cache.get(wire[2:], wire[:2], None)
            if kept is not None:
                return self._complete(Pending(query, ask, wire, reply), kept, limit), None
        if self.inflight >= self.max_inflight or not self.forwarder or not self.forwarder.upstreams:
            return self._render(reply, query, limit), None  # the CNAME alone
        self.inflight += 1
        return None, Pending(query, ask, wire, reply)

    def _complete(self, pending: Pending, data: bytes | None, limit: int | None) -> bytes:
        assert pending.alias is not None
        if data is not None:
            with contextlib.suppress(dns.exception.DNSException):
                pending.alias.answer += dns.message.from_wire(data).answer
        return self._render(pending.alias, pending.query, limit)

    async def forward(self, pending: Pending, limit: int | None) -> bytes:
        assert self.forwarder is not None
        query = pending.query
        try:
            data = await self.forwarder.forward(pending.ask, pending.wire)
        except Exception:  # a bug or an odd upstream must cost one query, not the server
            log.exception("dns: forwarding failed")
            data = None
        finally:
            self.inflight -= 1
        if data is not None and self.answer_cache is not None:
            edns = pending.ask.payload if pending.ask.edns >= 0 else None
            self.answer_cache.put(pending.wire[2:], data, edns)
        if pending.alias is not None:
            return self._complete(pending, data, limit)
        if data is None:
            return self._render(_error(query, dns.rcode.SERVFAIL), query, limit)
        size = _udp_size(query, limit)
        if len(data) <= size:
            return data
        try:  # came over TCP, too big for the client's UDP: cut it
            cut = dns.message.from_wire(data)
            return cut.to_wire(max_size=size, prefer_truncation=True, want_shuffle=False)
        except dns.exception.DNSException:
            return self._render(_error(query, dns.rcode.SERVFAIL), query, limit)

    async def handle(self, wire: bytes, limit: int | None = UDP_DEFAULT) -> bytes | None:
        """The answer to one query's bytes (None: dropped)."""
        answer, pending = self.prepare(wire, limit)
        if pending is None:
            return answer
        return await self.forward(pending, limit)

    def _render(
        self, reply: dns.message.Message, query: dns.message.Message, limit: int | None
    ) -> bytes:
        # dnspython shuffles records by default; the order is the resolver's
        # rotation here, so that each address leads in turn.
        size = _udp_size(query, limit)
        return reply.to_wire(max_size=size, prefer_truncation=True, want_shuffle=False)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- TCP -------------------------------------------------------------
    async def _tcp_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self._tcp_clients) >= self.max_tcp_clients:
            writer.close()
            return
        self._tcp_clients.add(writer)
        try:
            while True:
                async with asyncio.timeout(self.tcp_idle):
                    size = int.from_bytes(await reader.readexactly(2), "big")
                    wire = await reader.readexactly(size)
                try:
                    answer, pending = self.prepare(wire, None)
                except Exception:  # one bad query must not end the connection
                    log.exception("dns: query not handled")
                    continue
                if pending is not None:  # answered when the upstream is; others go on
                    self.spawn(self._tcp_forward(writer, pending))
                elif answer is not None:
                    writer.write(len(answer).to_bytes(2, "big") + answer)
                    await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._tcp_clients.discard(writer)
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def _tcp_forward(self, writer: asyncio.StreamWriter, pending: Pending) -> None:
        answer = await self.forward(pending, None)
        if not writer.is_closing():
            writer.write(len(answer).to_bytes(2, "big") + answer)


class _UDP(asyncio.DatagramProtocol):
    def __init__(self, server: DNSServer) -> None:
        self.server = server
        self.transport: asyncio.DatagramTransport | None = None
        self.closed = asyncio.Event()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)  # uvloop's is no subclass

    def datagram_received(self, data: bytes, addr: Any) -> None:
        try:
            answer, pending = self.server.prepare(data, UDP_DEFAULT)
        except Exception:  # one bad packet must not stop the server
            log.exception("dns: query not handled")
            return
        if pending is not None:
            self.server.spawn(self._forward(pending, addr))
        elif answer is not None and self.transport is not None:
            self.transport.sendto(answer, addr)

    async def _forward(self, pending: Pending, addr: Any) -> None:
        answer = await self.server.forward(pending, UDP_DEFAULT)
        if self.transport is not None and not self.transport.is_closing():
            self.transport.sendto(answer, addr)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()

    def error_received(self, exc: Exception) -> None:
        log.debug("dns: udp error %r", exc)


class _Cached:
    """A query's rendered answers, one per order of its address records,
    handed out in turn (round robin)."""

    __slots__ = ("turn", "variants")

    def __init__(self, orders: int) -> None:
        self.variants: list[bytes | None] = [None] * orders
        self.turn = 0

    def next_turn(self) -> int:
        self.turn = (self.turn + 1) % len(self.variants)
        return self.turn


def _orders(reply: dns.message.Message) -> int:
    """How many rotations of its address records a reply has (1: just one)."""
    sizes = [len(r) for r in reply.answer if r.rdtype in ADDRESS_TYPES]
    return max(sizes, default=1) or 1


def _udp_size(query: dns.message.Message, limit: int | None) -> int:
    return udp_size(limit, query.payload if query.edns >= 0 else None)


def _error(query: dns.message.Message, rcode: dns.rcode.Rcode) -> dns.message.Message:
    reply = dns.message.make_response(query)
    reply.set_rcode(rcode)
    return reply


def _formerr(wire: bytes) -> bytes:
    """FORMERR for a header whose body does not parse: its ID, opcode and RD."""
    flags = int.from_bytes(wire[2:4], "big")
    reply = dns.message.Message(id=int.from_bytes(wire[:2], "big"))
    reply.flags = dns.flags.QR | (flags & (dns.flags.RD | 0x7800))  # 0x7800: the opcode
    reply.set_rcode(dns.rcode.FORMERR)
    return reply.to_wire()
