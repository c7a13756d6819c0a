"""Forwarding names outside the cluster zone to the upstream resolvers.

A query goes to each upstream in turn (as a stub resolver walks its
nameservers) over UDP with a timeout, and again over TCP when the UDP
answer comes back truncated. The client's own bytes are sent, with a fresh
random ID, so EDNS options and flags pass through unchanged; an answer
counts only if it matches the question (dnspython's ``is_response``).
None after every upstream failed: the server answers SERVFAIL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
from collections.abc import Callable, Sequence

import dns.exception
import dns.message
import msgspec

log = logging.getLogger("podd.dns")

# (family, type) -> a socket to reach an upstream with; lets the caller
# make them elsewhere (another network namespace) — by default, here.
SocketFactory = Callable[[int, int], socket.socket]
TC_BIT = 0x02  # in the first flags byte of the header


class Upstream(msgspec.Struct, frozen=True):
    host: str
    port: int = 53

    @property
    def family(self) -> int:
        return socket.AF_INET6 if ":" in self.host else socket.AF_INET


class UpstreamError(Exception):
    pass


class Forwarder:
    def __init__(
        self,
        upstreams: Sequence[Upstream],
        *,
        timeout: float = 2.0,
        socket_factory: SocketFactory | None = None,
    ) -> None:
        self.upstreams = list(upstreams)
        self.timeout = timeout
        self._socket = socket_factory or socket.socket

    async def forward(self, query: dns.message.Message, wire: bytes) -> bytes | None:
        """The upstream's answer to ``wire`` (the client's query, its ID
        restored), or None when no upstream answered."""
        for upstream in self.upstreams:
            qid = secrets.randbits(16)
            sent = qid.to_bytes(2, "big") + wire[2:]
            probe = dns.message.Message(id=qid)
            probe.flags, probe.question = query.flags, query.question
            try:
                async with asyncio.timeout(self.timeout):
                    data = await self._udp(upstream, sent, probe)
                    if data[2] & TC_BIT:
                        data = await self._tcp(upstream, sent, probe)
            except (OSError, TimeoutError, UpstreamError, asyncio.IncompleteReadError) as exc:
                log.debug("upstream %s:%d failed: %r", upstream.host, upstream.port, exc)
                continue
            return wire[:2] + data[2:]
        return None

    def _connected(self, upstream: Upstream, kind: int) -> socket.socket:
        sock = self._socket(upstream.family, kind)
        sock.setblocking(False)
        return sock

    async def _udp(self, upstream: Upstream, sent: bytes, probe: dns.message.Message) -> bytes:
        loop = asyncio.get_running_loop()
        sock = self._connected(upstream, socket.SOCK_DGRAM)
        try:
            await loop.sock_connect(sock, (upstream.host, upstream.port))
            await loop.sock_sendall(sock, sent)
            while True:  # strays (wrong ID, garbage) are skipped until the timeout
                data = await loop.sock_recv(sock, 65535)
                if len(data) >= 12 and data[2] & TC_BIT and data[:2] == sent[:2]:
                    return data  # truncated: may not parse; retried over TCP
                if _answers(probe, data):
                    return data
        finally:
            sock.close()

    async def _tcp(self, upstream: Upstream, sent: bytes, probe: dns.message.Message) -> bytes:
        loop = asyncio.get_running_loop()
        sock = self._connected(upstream, socket.SOCK_STREAM)
        try:
            await loop.sock_connect(sock, (upstream.host, upstream.port))
        except BaseException:
            sock.close()
            raise
        reader, writer = await asyncio.open_connection(sock=sock)
        try:
            writer.write(len(sent).to_bytes(2, "big") + sent)
            await writer.drain()
            size = int.from_bytes(await reader.readexactly(2), "big")
            data = await reader.readexactly(size)
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        if not _answers(probe, data):
            raise UpstreamError("the TCP answer does not match the question")
        return data


def _answers(probe: dns.message.Message, data: bytes) -> bool:
    try:
        return probe.is_response(dns.message.from_wire(data))
    except dns.exception.DNSException:
        return False
