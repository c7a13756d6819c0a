"""Does one log file go on where another ends? (no file lost between them)

When podd re-arms a log too late, conmon rotates to plain files; a second
unarmed rotation unlinks the first plain file (see :mod:`podd.logs.rotate`),
so lines may be missing between the newest numbered file and the plain file
being adopted. File names cannot tell; the records can, sometimes:

conmon 2.1.6 reads a container's output at most ``READ_SIZE`` bytes at a
time and stamps every record of one read with the same timestamp (taken
once per read, with nanoseconds, so two reads never share one). When the
records that end the older file and those that start the newer one carry
the same timestamp and stream, and together hold a whole read's bytes, the
read was cut once, between these two files: nothing can have been written
to a third file in between. Anything else cannot be proven.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

__all__ = ["READ_SIZE", "Continuity", "continuity"]

READ_SIZE = 8192  # conmon's STDIO_BUF_SIZE: the most one read() of a container pipe returns
# One read's records: at most READ_SIZE of them (a byte each) of 45 bytes of
# timestamp, stream and tag plus the byte and a newline.
_WINDOW = READ_SIZE * 47 + 4096
_CHUNK = 16 * 1024


class Continuity(Enum):
    PROVEN = "proven"  # the newer file starts where the older one ends
    UNKNOWN = "unknown"  # lines may be missing between them
    PENDING = "pending"  # the newer file's first read may still be being written


def _key_and_content(record: bytes) -> tuple[bytes, int] | None:
    """``(timestamp + stream, bytes of the container's output)`` of a record."""
    parts = record.split(b" ", 3)
    if len(parts) < 4 or parts[1] not in (b"stdout", b"stderr"):
        return None
    tag = parts[2].split(b":", 1)[0]
    if tag not in (b"F", b"P"):
        return None
    # An F record's text lost its newline to the record's; a P record's did not have one.
    return parts[0] + b" " + parts[1], len(parts[3]) + (1 if tag == b"F" else 0)


def _tail_run(path: Path) -> tuple[bytes, int] | None:
    """The last record's key and the output bytes of the records ending the file with it."""
    key: bytes | None = None
    total = 0
    with open(path, "rb") as fh:
        pos = end = os.fstat(fh.fileno()).st_size
        carry = b""
        while pos > 0 and end - pos < _WINDOW:
            step = min(_CHUNK, pos)
            pos -= step
            fh.seek(pos)
            records = (fh.read(step) + carry).split(b"\n")
            carry = records.pop(0) if pos > 0 else b""  # may start in an earlier chunk
            for raw in reversed(records):
                if not raw:
                    continue  # after the last newline
                parsed = _key_and_content(raw)
                if parsed is None or (key is not None and parsed[0] != key):
                    return None if key is None else (key, total)
                key = parsed[0]
                total += parsed[1]
    return None if key is None else (key, total)


def _head_run(path: Path, key: bytes) -> tuple[int, bool]:
    """Output bytes of the records starting the file with ``key``, and whether
    they reach its end (more of the same read may still come)."""
    total = 0
    with open(path, "rb") as fh:
        carry = b""
        while fh.tell() < _WINDOW:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return total, True
            records = (carry + chunk).split(b"\n")
            carry = records.pop()  # no newline yet
            for raw in records:
                parsed = _key_and_content(raw)
                if parsed is None or parsed[0] != key:
                    return total, False
                total += parsed[1]
    return total, False


def continuity(older: str | Path, newer: str | Path) -> Continuity:
    """Whether ``newer`` holds the records conmon wrote right after ``older``'s."""
    tail = _tail_run(Path(older))
    if tail is None:
        return Continuity.UNKNOWN
    key, before = tail
    after, open_end = _head_run(Path(newer), key)
    if after == 0 and open_end:
        return Continuity.PENDING  # nothing written yet, or only part of a record
    if after > 0 and before + after == READ_SIZE:
        return Continuity.PROVEN
    if before + after < READ_SIZE and open_end:
        return Continuity.PENDING
    return Continuity.UNKNOWN
