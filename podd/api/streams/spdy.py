"""SPDY/3.1 framing (pure): what kubectl's port-forward speaks inside its
WebSocket (subprotocol ``SPDY/3.1+portforward.k8s.io``).

No maintained Python SPDY/3 library exists (the protocol was retired for
HTTP/2), so this is the small part port-forward needs, from the SPDY
Protocol Draft 3.1: the frame layouts, and the header blocks compressed
with zlib and the spec's dictionary — one compression context per
direction for the whole session, flushed (Z_SYNC_FLUSH) after each block.

Control frame: ``1 | version(15) | type(16) | flags(8) | length(24) | data``.
Data frame:    ``0 | stream id(31) | flags(8) | length(24) | data``.
"""

from __future__ import annotations

import struct
import zlib

import msgspec

__all__ = [
    "DICTIONARY",
    "FLAG_FIN",
    "Data",
    "Decoder",
    "Encoder",
    "Frame",
    "GoAway",
    "Headers",
    "Ping",
    "RstStream",
    "Settings",
    "SpdyError",
    "SynReply",
    "SynStream",
    "WindowUpdate",
]

VERSION = 3
FLAG_FIN = 0x01
FLAG_UNIDIRECTIONAL = 0x02
MAX_LENGTH = (1 << 24) - 1
MAX_HEADER_BYTES = 256 * 1024  # a decompressed header block; port-forward sends ~60 bytes

SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE = (
    1,
    2,
    3,
    4,
    6,
    7,
    8,
    9,
)

# RST_STREAM status codes (section 2.6.3).
PROTOCOL_ERROR = 1
INVALID_STREAM = 2
REFUSED_STREAM = 3
UNSUPPORTED_VERSION = 4
CANCEL = 5
INTERNAL_ERROR = 6
FLOW_CONTROL_ERROR = 7
STREAM_IN_USE = 8
STREAM_ALREADY_CLOSED = 9
FRAME_TOO_LARGE = 11

# GOAWAY status codes (section 2.6.6): numbered apart from RST_STREAM's.
GOAWAY_OK = 0
GOAWAY_PROTOCOL_ERROR = 1
GOAWAY_INTERNAL_ERROR = 2

_WORDS = (
    "options head post put delete trace accept accept-charset accept-encoding "
    "accept-language accept-ranges age allow authorization cache-control connection "
    "content-base content-encoding content-language content-length content-location "
    "content-md5 content-range content-type date etag expect expires from host if-match "
    "if-modified-since if-none-match if-range if-unmodified-since last-modified location "
    "max-forwards pragma proxy-authenticate proxy-authorization range referer retry-after "
    "server te trailer transfer-encoding upgrade user-agent vary via warning "
    "www-authenticate method get status|200 OK|version HTTP/1.1 url public set-cookie "
    "keep-alive origin"
)
_TAIL = (
    "100101201202205206300302303304305306307402405406407408409410411412413414415416417"
    "502504505203 Non-Authoritative Information204 No Content301 Moved Permanently"
    "400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error"
    "501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct "
    "Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,"
    "image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,"
    "publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0."
)


def _dictionary() -> bytes:
    """The spec's zlib dictionary (section 2.6.10.1): length-prefixed words,
    then a run of common values."""
    words: list[str] = []
    for part in _WORDS.split("|"):
        words += [part] if " " in part and part[0].isdigit() else part.split()
    # "status|200 OK|version": "200 OK" is one word with a space.
    return b"".join(struct.pack(">I", len(w)) + w.encode() for w in words) + _TAIL.encode()


DICTIONARY = _dictionary()

HeaderList = tuple[tuple[str, str], ...]


class SynStream(msgspec.Struct, frozen=True):
    stream_id: int
    headers: HeaderList
    associated_id: int = 0
    priority: int = 0
    fin: bool = False
    unidirectional: bool = False


class SynReply(msgspec.Struct, frozen=True):
    stream_id: int
    headers: HeaderList = ()
    fin: bool = False


class RstStream(msgspec.Struct, frozen=True):
    stream_id: int
    status: int


class Settings(msgspec.Struct, frozen=True):
    entries: tuple[tuple[int, int, int], ...] = ()  # (flags, id, value)


class Ping(msgspec.Struct, frozen=True):
    id: int


class GoAway(msgspec.Struct, frozen=True):
    last_good_stream_id: int
    status: int = 0


class Headers(msgspec.Struct, frozen=True):
    stream_id: int
    headers: HeaderList
    fin: bool = False


class WindowUpdate(msgspec.Struct, frozen=True):
    stream_id: int
    delta: int


class Data(msgspec.Struct, frozen=True):
    stream_id: int
    data: bytes
    fin: bool = False


Frame = SynStream | SynReply | RstStream | Settings | Ping | GoAway | Headers | WindowUpdate | Data


class SpdyError(Exception):
    """The peer broke the protocol: answer with GOAWAY (session) or
    RST_STREAM ``status`` on ``stream_id`` (non-zero)."""

    def __init__(self, message: str, status: int = PROTOCOL_ERROR, stream_id: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.stream_id = stream_id


def _header_block(headers: HeaderList) -> bytes:
    out = [struct.pack(">I", len(headers))]
    for name, value in headers:
        n, v = name.lower().encode(), value.encode()
        out += [struct.pack(">I", len(n)), n, struct.pack(">I", len(v)), v]
    return b"".join(out)


def _parse_block(block: bytes) -> HeaderList:
    def take(pos: int) -> tuple[bytes, int]:
        if pos + 4 > len(block):
            raise SpdyError("truncated header block")
        (n,) = struct.unpack_from(">I", block, pos)
        if pos + 4 + n > len(block):
            raise SpdyError("truncated header block")
        return block[pos + 4 : pos + 4 + n], pos + 4 + n

    if len(block) < 4:
        raise SpdyError("truncated header block")
    (count,) = struct.unpack_from(">I", block)
    pos, pairs = 4, []
    for _ in range(count):
        name, pos = take(pos)
        value, pos = take(pos)
        if not name:
            raise SpdyError("empty header name")
        pairs.append((name.decode("latin-1"), value.decode("latin-1")))
    return tuple(pairs)


class Encoder:
    """Frames to bytes; keeps the session's header compression context."""

    def __init__(self) -> None:
        self._z = zlib.compressobj(zlib.Z_BEST_COMPRESSION, zlib.DEFLATED, 15, 9, zdict=DICTIONARY)

    def _compress(self, headers: HeaderList) -> bytes:
        return self._z.compress(_header_block(headers)) + self._z.flush(zlib.Z_SYNC_FLUSH)

    @staticmethod
    def _control(kind: int, flags: int, payload: bytes) -> bytes:
        if len(payload) > MAX_LENGTH:
            raise ValueError("control frame too long")
        return struct.pack(">HHI", 0x8000 | VERSION, kind, flags << 24 | len(payload)) + payload

    def encode(self, frame: Frame) -> bytes:
        if isinstance(frame, Data):
            if len(frame.data) > MAX_LENGTH:
                raise ValueError("data frame too long")
            flags = FLAG_FIN if frame.fin else 0
            head = struct.pack(">II", frame.stream_id & 0x7FFFFFFF, flags << 24 | len(frame.data))
            return head + frame.data
        if isinstance(frame, SynStream):
            flags = (FLAG_FIN if frame.fin else 0) | (
                FLAG_UNIDIRECTIONAL if frame.unidirectional else 0
            )
            fixed = struct.pack(
                ">IIBB", frame.stream_id, frame.associated_id, (frame.priority & 7) << 5, 0
            )
            return self._control(SYN_STREAM, flags, fixed + self._compress(frame.headers))
        if isinstance(frame, SynReply | Headers):
            kind = SYN_REPLY if isinstance(frame, SynReply) else HEADERS
            body = struct.pack(">I", frame.stream_id) + self._compress(frame.headers)
            return self._control(kind, FLAG_FIN if frame.fin else 0, body)
        if isinstance(frame, RstStream):
            return self._control(RST_STREAM, 0, struct.pack(">II", frame.stream_id, frame.status))
        if isinstance(frame, Settings):
            body = struct.pack(">I", len(frame.entries)) + b"".join(
                struct.pack(">II", f << 24 | i, v) for f, i, v in frame.entries
            )
            return self._control(SETTINGS, 0, body)
        if isinstance(frame, Ping):
            return self._control(PING, 0, struct.pack(">I", frame.id))
        if isinstance(frame, GoAway):
            body = struct.pack(">II", frame.last_good_stream_id, frame.status)
            return self._control(GOAWAY, 0, body)
        return self._control(WINDOW_UPDATE, 0, struct.pack(">II", frame.stream_id, frame.delta))


class Decoder:
    """Bytes, fed in any pieces, to frames; keeps the session's header
    decompression context. Unknown control frames are skipped (the spec)."""

    def __init__(self, max_frame: int = MAX_LENGTH) -> None:
        self._buf = bytearray()
        self._z = zlib.decompressobj(zdict=DICTIONARY)
        self._max = max_frame

    def feed(self, data: bytes) -> list[Frame]:
        self._buf += data
        frames: list[Frame] = []
        while len(self._buf) >= 8:
            first, flags_len = struct.unpack_from(">II", self._buf)
            length = flags_len & 0xFFFFFF
            if length > self._max:
                raise SpdyError(f"frame of {length} bytes is over the limit of {self._max}")
            if len(self._buf) < 8 + length:
                break
            payload = bytes(self._buf[8 : 8 + length])
            del self._buf[: 8 + length]
            frame = self._frame(first, flags_len >> 24, payload)
            if frame is not None:
                frames.append(frame)
        return frames

    def _headers(self, block: bytes) -> HeaderList:
        try:
            raw = self._z.decompress(block, MAX_HEADER_BYTES + 1)
        except zlib.error as exc:
            raise SpdyError(f"header block does not decompress: {exc}") from None
        if len(raw) > MAX_HEADER_BYTES or self._z.unconsumed_tail:
            raise SpdyError(f"header block over {MAX_HEADER_BYTES} bytes")
        return _parse_block(raw)

    def _frame(self, first: int, flags: int, p: bytes) -> Frame | None:
        fin = bool(flags & FLAG_FIN)
        if not first & 0x80000000:
            return Data(first & 0x7FFFFFFF, p, fin)
        version, kind = (first >> 16) & 0x7FFF, first & 0xFFFF
        if version != VERSION:
            raise SpdyError(f"SPDY version {version} is not supported (3 is)")
        need = {SYN_STREAM: 10, SYN_REPLY: 4, RST_STREAM: 8, SETTINGS: 4, PING: 4}
        need |= {GOAWAY: 4, HEADERS: 4, WINDOW_UPDATE: 8}
        if len(p) < need.get(kind, 0):
            raise SpdyError(f"control frame {kind} is too short")
        if kind == SYN_STREAM:
            sid, assoc, pri, _ = struct.unpack_from(">IIBB", p)
            return SynStream(
                sid & 0x7FFFFFFF,
                self._headers(p[10:]),
                assoc & 0x7FFFFFFF,
                pri >> 5,
                fin,
                bool(flags & FLAG_UNIDIRECTIONAL),
            )
        if kind in (SYN_REPLY, HEADERS):
            sid = struct.unpack_from(">I", p)[0] & 0x7FFFFFFF
            cls = SynReply if kind == SYN_REPLY else Headers
            return cls(sid, self._headers(p[4:]), fin)
        if kind == RST_STREAM:
            sid, status = struct.unpack_from(">II", p)
            return RstStream(sid & 0x7FFFFFFF, status)
        if kind == SETTINGS:
            (count,) = struct.unpack_from(">I", p)
            if len(p) != 4 + 8 * count:
                raise SpdyError("SETTINGS length does not match its entries")
            entries = []
            for i in range(count):
                fid, value = struct.unpack_from(">II", p, 4 + 8 * i)
                entries.append((fid >> 24, fid & 0xFFFFFF, value))
            return Settings(tuple(entries))
        if kind == PING:
            return Ping(struct.unpack_from(">I", p)[0])
        if kind == GOAWAY:
            last = struct.unpack_from(">I", p)[0] & 0x7FFFFFFF
            status = struct.unpack_from(">I", p, 4)[0] if len(p) >= 8 else 0
            return GoAway(last, status)
        if kind == WINDOW_UPDATE:
            sid, delta = struct.unpack_from(">II", p)
            return WindowUpdate(sid & 0x7FFFFFFF, delta & 0x7FFFFFFF)
        return None  # unknown control frames are ignored
