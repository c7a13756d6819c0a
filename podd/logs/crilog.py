"""The CRI log format: one record per line, as conmon's ``k8s-file`` driver writes it.

A record is ``<timestamp> <stream> <tags> <text>\\n``::

    2026-11-22T10:41:46.832839352+00:00 stdout F hello

* ``timestamp``: RFC 3339 with nanoseconds and a numeric offset (conmon uses
  the local zone), the time conmon read the data;
* ``stream``: ``stdout`` or ``stderr``;
* ``tags``: ``:``-separated, the first is ``F`` (full: the text ends a line)
  or ``P`` (partial: the line goes on in the next record of the same stream;
  conmon writes one when a read ends mid-line or a line is longer than its
  buffer);
* ``text``: the bytes, without the record's newline.

:func:`parse_record` parses one record (``None`` for a malformed one: the
caller skips and counts it, as the kubelet does), :class:`LineJoiner` joins
the ``P`` records of each stream into whole :class:`LogLine` s, and
:func:`format_line` renders a line the way ``kubectl logs`` prints it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Literal

import msgspec

__all__ = [
    "STDERR",
    "STDOUT",
    "CRIRecord",
    "LineJoiner",
    "LogLine",
    "Stream",
    "encode_record",
    "format_line",
    "format_timestamp",
    "parse_record",
]

Stream = Literal["stdout", "stderr"]
STDOUT: Stream = "stdout"
STDERR: Stream = "stderr"

# RFC 3339: date, "T", time, optional fraction (≤ 9 digits), "Z" or an offset.
_TIMESTAMP = re.compile(rb"(\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)")
# A line longer than this is handed out in pieces rather than held in memory.
DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024


class CRIRecord(msgspec.Struct, frozen=True):
    """One record of a CRI log file.

    ``timestamp`` is the text as written (nanoseconds kept), ``time`` the
    same instant as an aware datetime (microseconds).
    """

    timestamp: str
    time: datetime
    stream: Stream
    partial: bool
    text: bytes


class LogLine(msgspec.Struct, frozen=True):
    """A whole line of one stream: the joined text of its records.

    ``timestamp``/``time`` are those of its first record; ``text`` ends with
    ``\\n`` when ``complete`` (an ``F`` record ended it); an incomplete line is
    one still being written (or cut because it was too long).
    """

    timestamp: str
    time: datetime
    stream: Stream
    text: bytes
    complete: bool = True


def parse_timestamp(raw: bytes) -> tuple[str, datetime] | None:
    """``(text, datetime)`` of an RFC 3339 timestamp, or ``None`` when it is not one."""
    m = _TIMESTAMP.fullmatch(raw)
    if m is None:
        return None
    text = raw.decode("ascii")
    base, frac, zone = m.groups()
    iso = base.decode() + ("." + frac.decode()[:6].ljust(6, "0") if frac else "")
    iso += "+00:00" if zone in (b"Z", b"z") else zone.decode()
    try:
        return text, datetime.fromisoformat(iso)
    except ValueError:
        return None


def parse_record(line: bytes) -> CRIRecord | None:
    """Parse one record (with or without its trailing newline); ``None`` if malformed."""
    if line.endswith(b"\n"):
        line = line[:-1]
    first = line.find(b" ")
    if first < 0:
        return None
    parsed = parse_timestamp(line[:first])
    if parsed is None:
        return None
    second = line.find(b" ", first + 1)
    if second < 0:
        return None
    stream = line[first + 1 : second]
    if stream not in (b"stdout", b"stderr"):
        return None
    third = line.find(b" ", second + 1)
    if third < 0:
        return None
    tags = line[second + 1 : third].split(b":")
    if tags[0] not in (b"F", b"P"):
        return None
    return CRIRecord(
        timestamp=parsed[0],
        time=parsed[1],
        stream=STDOUT if stream == b"stdout" else STDERR,
        partial=tags[0] == b"P",
        text=line[third + 1 :],
    )


def encode_record(
    stream: Stream, text: bytes, *, partial: bool = False, when: datetime | None = None
) -> bytes:
    """A record as conmon writes it (for tests and tools); ``text`` must hold no newline."""
    when = when or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    offset = when.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    stamp = (
        f"{when:%Y-%m-%dT%H:%M:%S}.{when.microsecond:06d}000"
        f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    )
    return f"{stamp} {stream} {'P' if partial else 'F'} ".encode() + text + b"\n"


def format_timestamp(timestamp: str) -> str:
    """Kubernetes' RFC3339NanoFixed: 9 fraction digits, ``Z`` for a zero offset.

    ``2026-11-22T10:41:46.8328+00:00`` → ``2026-11-22T10:41:46.832800000Z``
    (the kubelet parses the record's time and formats it with this layout).
    """
    m = _TIMESTAMP.fullmatch(timestamp.encode())
    if m is None:
        return timestamp
    base, frac, zone = (g.decode() if g else "" for g in m.groups())
    if zone in ("Z", "z", "+00:00", "-00:00"):
        zone = "Z"
    return f"{base.replace('t', 'T')}.{frac.ljust(9, '0')}{zone}"


def format_line(line: LogLine, *, timestamps: bool = False) -> bytes:
    """The line as ``kubectl logs`` prints it, with ``--timestamps`` when asked."""
    if timestamps:
        return format_timestamp(line.timestamp).encode() + b" " + line.text
    return line.text


class LineJoiner:
    """Joins the partial records of each stream into lines.

    :meth:`feed` returns the line a record completes (``None`` while a line
    is still partial); :meth:`flush` hands out what is pending (incomplete
    lines, e.g. at the end of a log). A line growing past ``max_line_bytes``
    is handed out incomplete rather than held, so memory stays bounded.
    """

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self._max = max_line_bytes
        self._pending: dict[Stream, tuple[CRIRecord, list[bytes], int]] = {}

    def feed(self, record: CRIRecord) -> LogLine | None:
        pending = self._pending.pop(record.stream, None)
        if pending is None:
            if not record.partial:
                return LogLine(
                    record.timestamp, record.time, record.stream, record.text + b"\n", True
                )
            first, parts, size = record, [record.text], len(record.text)
        else:
            first, parts, size = pending
            parts.append(record.text)
            size += len(record.text)
            if not record.partial:
                return LogLine(first.timestamp, first.time, first.stream, b"".join(parts) + b"\n")
        if size >= self._max:
            return LogLine(first.timestamp, first.time, first.stream, b"".join(parts), False)
        self._pending[record.stream] = (first, parts, size)
        return None

    def has_pending(self, stream: Stream | None = None) -> bool:
        if stream is None:
            return bool(self._pending)
        return stream in self._pending

    def flush(self) -> list[LogLine]:
        """The incomplete lines, oldest first; the joiner is empty afterwards."""
        lines = [
            LogLine(first.timestamp, first.time, first.stream, b"".join(parts), False)
            for first, parts, _ in self._pending.values()
        ]
        self._pending.clear()
        lines.sort(key=lambda line: line.time)
        return lines

    def reset(self) -> None:
        self._pending.clear()
