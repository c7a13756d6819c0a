"""The inotify wrapper: parsing what the kernel hands back."""

from __future__ import annotations

import struct

from podd.inotify import InotifyEvent, parse_events


def test_parse_events() -> None:
    def ev(mask: int, name: bytes) -> bytes:
        padded = name + b"\0" * (16 - len(name))
        return struct.pack("iIII", 1, mask, 0, len(padded)) + padded

    data = ev(0x80, b"abc") + ev(0x8, b"") + ev(0x4000, b"")
    assert parse_events(data) == [
        InotifyEvent(1, 0x80, 0, "abc"),
        InotifyEvent(1, 0x8, 0, ""),
        InotifyEvent(1, 0x4000, 0, ""),
    ]
