"""SPDY/3.1 framing: byte layouts from the spec (Draft 3.1, section 2), the
header compression context shared by a session, and what is refused."""

from __future__ import annotations

import hashlib
import struct
import zlib

import pytest

from podd.api.streams import spdy


def test_the_dictionary_is_the_specs() -> None:
    # 1,423 bytes (section 2.6.10.1); the first word is "options", the last "enq=0.".
    assert len(spdy.DICTIONARY) == 1423
    assert spdy.DICTIONARY.startswith(b"\x00\x00\x00\x07options\x00\x00\x00\x04head")
    assert spdy.DICTIONARY.endswith(b",*,enq=0.")
    assert b"\x00\x00\x00\x06200 OK" in spdy.DICTIONARY
    assert (
        hashlib.sha256(spdy.DICTIONARY).hexdigest()
        == "51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02"
    )


def test_data_frame_layout() -> None:
    raw = spdy.Encoder().encode(spdy.Data(5, b"abc", fin=True))
    # 0 | stream id (31) | flags (8) | length (24) | data
    assert raw == struct.pack(">II", 5, 0x01 << 24 | 3) + b"abc"


@pytest.mark.parametrize(
    ("frame", "kind", "payload"),
    [
        (spdy.RstStream(3, spdy.CANCEL), 3, struct.pack(">II", 3, 5)),
        (spdy.Ping(7), 6, struct.pack(">I", 7)),
        (spdy.GoAway(9, 1), 7, struct.pack(">II", 9, 1)),
        (spdy.WindowUpdate(3, 65536), 9, struct.pack(">II", 3, 65536)),
        (spdy.Settings(((0, 7, 65536),)), 4, struct.pack(">III", 1, 7, 65536)),
    ],
)
def test_control_frame_layouts(frame: spdy.Frame, kind: int, payload: bytes) -> None:
    raw = spdy.Encoder().encode(frame)
    # 1 | version 3 (15) | type (16) | flags (8) | length (24)
    assert raw[:8] == struct.pack(">HHI", 0x8003, kind, len(payload))
    assert raw[8:] == payload
    assert spdy.Decoder().feed(raw) == [frame]


def test_syn_stream_layout_and_header_block() -> None:
    frame = spdy.SynStream(1, (("streamtype", "data"), ("port", "8080")), priority=2, fin=True)
    raw = spdy.Encoder().encode(frame)
    first, flags_len = struct.unpack_from(">II", raw)
    assert first == 0x80030001 and flags_len >> 24 == spdy.FLAG_FIN
    assert flags_len & 0xFFFFFF == len(raw) - 8
    sid, assoc, pri, slot = struct.unpack_from(">IIBB", raw, 8)
    assert (sid, assoc, pri >> 5, slot) == (1, 0, 2, 0)
    # The block is zlib with the spec's dictionary: 2 pairs, each length-prefixed.
    block = zlib.decompressobj(zdict=spdy.DICTIONARY).decompress(raw[18:])
    assert block == (
        struct.pack(">I", 2)
        + struct.pack(">I", 10)
        + b"streamtype"
        + struct.pack(">I", 4)
        + b"data"
        + struct.pack(">I", 4)
        + b"port"
        + struct.pack(">I", 4)
        + b"8080"
    )


def test_header_names_go_out_lowercase() -> None:
    raw = spdy.Encoder().encode(spdy.SynReply(1, (("StreamType", "error"),)))
    assert spdy.Decoder().feed(raw) == [spdy.SynReply(1, (("streamtype", "error"),))]


def test_one_compression_context_per_session() -> None:
    """The second block is compressed against the first: a fresh decoder
    cannot read it alone, the session's decoder can."""
    enc = spdy.Encoder()
    frames = [spdy.SynStream(i, (("streamtype", "data"), ("requestid", str(i)))) for i in (1, 3)]
    first, second = (enc.encode(f) for f in frames)
    dec = spdy.Decoder()
    assert dec.feed(first + second) == frames
    with pytest.raises(spdy.SpdyError):
        spdy.Decoder().feed(second)


def test_fed_byte_by_byte_and_many_in_one_chunk() -> None:
    enc = spdy.Encoder()
    frames: list[spdy.Frame] = [
        spdy.SynStream(1, (("port", "80"),)),
        spdy.Data(1, b"x" * 70000),
        spdy.Headers(1, (("a", "b\x00c"),), fin=True),
        spdy.Ping(1),
    ]
    raw = b"".join(enc.encode(f) for f in frames)
    dec = spdy.Decoder()
    got: list[spdy.Frame] = []
    for i in range(len(raw)):
        got += dec.feed(raw[i : i + 1])
    assert got == frames
    again = spdy.Encoder()  # all in one chunk, from a fresh session
    assert spdy.Decoder().feed(b"".join(again.encode(f) for f in frames)) == frames


def test_unknown_control_frames_are_skipped() -> None:
    noop = struct.pack(">HHI", 0x8003, 5, 0)  # NOOP was SPDY/2's
    ping = spdy.Encoder().encode(spdy.Ping(3))
    assert spdy.Decoder().feed(noop + ping) == [spdy.Ping(3)]


def test_other_versions_are_refused() -> None:
    raw = struct.pack(">HHII", 0x8002, 6, 4, 1)
    with pytest.raises(spdy.SpdyError, match="version 2"):
        spdy.Decoder().feed(raw)


def test_frames_over_the_limit_are_refused_before_buffering() -> None:
    head = struct.pack(">II", 1, 1 << 20)
    with pytest.raises(spdy.SpdyError, match="over the limit"):
        spdy.Decoder(max_frame=1 << 16).feed(head)


def test_short_and_broken_frames_are_protocol_errors() -> None:
    with pytest.raises(spdy.SpdyError, match="too short"):
        spdy.Decoder().feed(struct.pack(">HHI", 0x8003, 3, 4) + b"\0\0\0\1")
    with pytest.raises(spdy.SpdyError, match="does not decompress"):
        spdy.Decoder().feed(struct.pack(">HHI", 0x8003, 2, 8) + b"\0\0\0\1garb")
    with pytest.raises(spdy.SpdyError, match="SETTINGS"):
        spdy.Decoder().feed(struct.pack(">HHII", 0x8003, 4, 4, 2))


def test_a_header_bomb_is_refused() -> None:
    z = zlib.compressobj(zdict=spdy.DICTIONARY)
    block = z.compress(struct.pack(">I", 1) + struct.pack(">I", 1) + b"a")
    block += z.compress(struct.pack(">I", 1 << 20) + b"\0" * (1 << 20))
    block += z.flush(zlib.Z_SYNC_FLUSH)
    raw = struct.pack(">HHI", 0x8003, 2, 4 + len(block)) + struct.pack(">I", 1) + block
    with pytest.raises(spdy.SpdyError, match="header block over"):
        spdy.Decoder().feed(raw)


@pytest.mark.parametrize(("cls", "kind"), [(spdy.SynReply, 2), (spdy.Headers, 8)])
def test_syn_reply_and_headers_layouts(cls: type[spdy.SynReply | spdy.Headers], kind: int) -> None:
    frame = cls(7, (("a", "b"),), fin=True)
    raw = spdy.Encoder().encode(frame)
    # SPDY/3 dropped SPDY/2's 16 unused bits: the stream id, then the block.
    assert raw[:8] == struct.pack(">HHI", 0x8003, kind, spdy.FLAG_FIN << 24 | len(raw) - 8)
    assert struct.unpack_from(">I", raw, 8) == (7,)
    block = zlib.decompressobj(zdict=spdy.DICTIONARY).decompress(raw[12:])
    assert block == struct.pack(">IIsIs", 1, 1, b"a", 1, b"b")
    assert spdy.Decoder().feed(raw) == [frame]


def test_reserved_bits_and_the_unidirectional_flag() -> None:
    enc = spdy.Encoder()
    syn = enc.encode(spdy.SynStream(5, (), associated_id=3, unidirectional=True))
    assert syn[4] == spdy.FLAG_UNIDIRECTIONAL
    # The high bit of stream ids and window deltas is reserved: ignored on input.
    ping_like = struct.pack(">HHIII", 0x8003, 9, 8, 0x80000005, 0x80000010)
    assert spdy.Decoder().feed(ping_like) == [spdy.WindowUpdate(5, 16)]
    assert spdy.Decoder().feed(syn) == [spdy.SynStream(5, (), 3, 0, False, True)]
