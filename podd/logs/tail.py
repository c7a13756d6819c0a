"""Where to start reading: the last N lines, or the first file that is recent enough.

Reading is backwards from the end of the newest file, in chunks, across the
older files as needed, so a tail of a large log costs what the tail is, not
what the log is. Positions are ``(file index, byte offset)`` of a record in
the list of an instance's data files (oldest first).

A *line* is what :class:`~podd.logs.crilog.LineJoiner` makes: an ``F``
record and the ``P`` records of the same stream before it (streams
interleave, so a line's pieces can be far apart). Counting lines backwards,
an ``F`` record, or a ``P`` record of a stream with no line open, starts a
new line; once N lines are counted, the scan goes on only until every open
line has its first piece, and records a per-stream *cut*: records of that
stream at or before it belong to older lines and are skipped when reading
forward.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from pathlib import Path

import msgspec

from podd.logs.crilog import parse_record

__all__ = [
    "CHUNK_SIZE",
    "Position",
    "TailStart",
    "complete_end",
    "find_tail_start",
    "first_recent_file",
    "iter_lines_backward",
    "last_record_time",
]

CHUNK_SIZE = 64 * 1024
Position = tuple[int, int]


class TailStart(msgspec.Struct, frozen=True):
    """First position to read, and per stream the last position to skip."""

    start: Position
    cuts: dict[str, Position] = msgspec.field(default_factory=dict)


def complete_end(path: str | Path, size: int | None = None) -> int:
    """The offset just after the last newline of ``path`` (0 when there is none)."""
    with open(path, "rb") as fh:
        pos = os.fstat(fh.fileno()).st_size if size is None else size
        while pos > 0:
            step = min(CHUNK_SIZE, pos)
            fh.seek(pos - step)
            data = fh.read(step)
            i = data.rfind(b"\n")
            if i >= 0:
                return pos - step + i + 1
            pos -= step
    return 0


def iter_lines_backward(path: str | Path, end: int) -> Iterator[tuple[int, bytes]]:
    """``(offset, line)`` of each line of ``path`` before ``end``, last first.

    ``line`` keeps its newline; a last line without one (``end`` not at a
    line boundary) is yielded as is.
    """
    with open(path, "rb") as fh:
        pos = end
        carry = b""
        while pos > 0:
            step = min(CHUNK_SIZE, pos)
            pos -= step
            fh.seek(pos)
            data = fh.read(step) + carry
            hi = len(data)
            while hi > 0:
                lo = data.rfind(b"\n", 0, hi - 1) + 1
                if lo == 0 and pos > 0:
                    break  # this line starts in an earlier chunk
                yield pos + lo, data[lo:hi]
                hi = lo
            carry = data[:hi]


def last_record_time(path: str | Path, end: int) -> datetime | None:
    """The time of the last well-formed record of ``path`` before ``end``."""
    for _, raw in iter_lines_backward(path, end):
        rec = parse_record(raw)
        if rec is not None:
            return rec.time
    return None


def first_recent_file(files: Sequence[Path], ends: Sequence[int], since: datetime) -> int:
    """Index of the first file whose last record is at or after ``since`` (``len`` if none).

    Files before it hold only older lines and need not be read.
    """
    for idx in range(len(files) - 1, -1, -1):
        last = last_record_time(files[idx], ends[idx])
        if last is not None and last < since:
            return idx + 1
    return 0


def find_tail_start(
    files: Sequence[Path], ends: Sequence[int], lines: int, streams: Collection[str]
) -> TailStart:
    """Where the last ``lines`` lines of the selected ``streams`` start.

    ``ends[i]`` is how far ``files[i]`` is taken into account.
    """
    if not files:
        return TailStart(start=(0, 0))
    if lines <= 0:
        return TailStart(start=(len(files) - 1, ends[-1]))
    count = 0
    open_streams: set[str] = set()
    cuts: dict[str, Position] = {}
    start: Position = (len(files) - 1, ends[-1])
    for idx in range(len(files) - 1, -1, -1):
        try:
            backward = iter_lines_backward(files[idx], ends[idx])
            for offset, raw in backward:
                rec = parse_record(raw)
                if rec is None or rec.stream not in streams or rec.stream in cuts:
                    continue
                stream = rec.stream
                if not rec.partial or stream not in open_streams:
                    if count >= lines:
                        cuts[stream] = (idx, offset)
                        if open_streams <= cuts.keys():
                            return TailStart(start=start, cuts=cuts)
                        continue
                    count += 1
                    open_streams.add(stream)
                start = (idx, offset)
        except FileNotFoundError:  # rotated away meanwhile: older lines are gone
            return TailStart(start=start, cuts=cuts)
    return TailStart(start=start, cuts=cuts)
