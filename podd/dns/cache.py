"""Upstream answers kept for a while, as CoreDNS's ``cache 30`` in the
default Corefile keeps them: a pod resolving the same outside name again
(every HTTP request of many clients does) is answered without a round trip.

An answer is kept for its smallest TTL, at most ``max_ttl``; a negative one
(NXDOMAIN, or NOERROR without answers) for its SOA's TTL and minimum
(RFC 2308), not at all without an SOA. SERVFAIL, truncated and other
answers are not kept. Replayed answers carry TTLs counted down by their age.
Keyed by the query's bytes after its ID: the same question, flags and EDNS.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import dns.exception
import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype

TCP_MAX = 65535


@dataclass
class _Entry:
    message: dns.message.Message
    stored: float
    expires: float
    # The last rendering (age, size, bytes after the ID): TTLs change once a
    # second, so most replays are a copy.
    rendered: tuple[int, int, bytes] | None = None
    payload: int | None = None  # the query's EDNS payload (None: no EDNS)


class AnswerCache:
    def __init__(
        self,
        max_ttl: int = 30,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_ttl = max_ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: dict[bytes, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, key: bytes, data: bytes, payload: int | None = None) -> None:
        """Keep ``data``, the answer to the query ``key`` (its bytes after the
        ID) whose EDNS payload was ``payload``."""
        try:
            message = dns.message.from_wire(data)
        except dns.exception.DNSException:
            return
        ttl = self._ttl(message)
        if ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._drop_expired()
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
        now = self._clock()
        self._entries[key] = _Entry(message, now, now + ttl, payload=payload)

    def get(self, key: bytes, qid: bytes, limit: int | None) -> bytes | None:
        """The kept answer with ``qid`` and its TTLs aged, cut to what the
        client takes (``limit``: the UDP size without EDNS, None over TCP)."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        now = self._clock()
        if now >= entry.expires:
            del self._entries[key]
            return None
        age = int(now - entry.stored)
        max_size = udp_size(limit, entry.payload)
        if entry.rendered is not None and entry.rendered[:2] == (age, max_size):
            return qid + entry.rendered[2]
        message = entry.message
        saved = [(rrset, rrset.ttl) for rrset in _records(message)]
        try:
            for rrset, ttl in saved:
                rrset.ttl = max(0, ttl - age)
            wire = message.to_wire(max_size=max_size, prefer_truncation=True, want_shuffle=False)
        finally:
            for rrset, ttl in saved:
                rrset.ttl = ttl
        entry.rendered = (age, max_size, wire[2:])
        return qid + wire[2:]

    def _ttl(self, message: dns.message.Message) -> int:
        if message.flags & dns.flags.TC:
            return 0
        rcode = message.rcode()
        if rcode == dns.rcode.NOERROR and message.answer:
            return min([self.max_ttl] + [r.ttl for r in message.answer])
        if rcode in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
            soas = [r for r in message.authority if r.rdtype == dns.rdatatype.SOA]
            if soas:
                return min(self.max_ttl, soas[0].ttl, soas[0][0].minimum)
        return 0

    def _drop_expired(self) -> None:
        now = self._clock()
        for key in [k for k, e in self._entries.items() if now >= e.expires]:
            del self._entries[key]


def udp_size(limit: int | None, payload: int | None) -> int:
    """How big an answer may be: 64 KiB over TCP, else the UDP limit or the
    client's EDNS payload if larger."""
    if limit is None:
        return TCP_MAX
    return max(limit, payload) if payload is not None else limit


def _records(message: dns.message.Message) -> list[dns.rrset.RRset]:
    return [*message.answer, *message.authority, *message.additional]
