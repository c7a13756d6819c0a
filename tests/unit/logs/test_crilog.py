"""CRI log records: parsing, malformed lines, joining partial records, output format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from podd.logs.crilog import (
    LineJoiner,
    LogLine,
    encode_record,
    format_line,
    format_timestamp,
    parse_record,
)


def test_parse_full_record() -> None:
    rec = parse_record(b"2026-11-22T10:41:46.832839352+00:00 stdout F hello world\n")
    assert rec is not None
    assert rec.timestamp == "2026-11-22T10:41:46.832839352+00:00"
    assert rec.time == datetime(2026, 11, 22, 10, 41, 46, 832839, tzinfo=UTC)
    assert rec.stream == "stdout" and not rec.partial and rec.text == b"hello world"


def test_parse_partial_stderr_with_offset_and_tags() -> None:
    rec = parse_record(b"2026-11-22T11:41:46.5+01:00 stderr P:x part")
    assert rec is not None
    assert rec.stream == "stderr" and rec.partial and rec.text == b"part"
    assert rec.time == datetime(2026, 11, 22, 10, 41, 46, 500000, tzinfo=UTC)


def test_parse_keeps_spaces_and_empty_text() -> None:
    rec = parse_record(b"2026-11-22T10:41:46Z stdout F   two  spaces \n")
    assert rec is not None and rec.text == b"  two  spaces "
    empty = parse_record(b"2026-11-22T10:41:46Z stdout F \n")
    assert empty is not None and empty.text == b""


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"garbage",
        b"2026-11-22T10:41:46Z",
        b"2026-11-22T10:41:46Z stdout",
        b"2026-11-22T10:41:46Z stdout F",  # no text delimiter
        b"2026-11-22 10:41:46Z stdout F x",  # not RFC 3339
        b"2026-11-22T10:41:46 stdout F x",  # no zone
        b"2026-13-22T10:41:46Z stdout F x",  # no such month
        b"2026-11-22T10:41:46Z stdin F x",
        b"2026-11-22T10:41:46Z stdout X x",
        b"2026-11-22T10:41:46.1234567890Z stdout F x",  # 10 fraction digits
    ],
)
def test_malformed_records(line: bytes) -> None:
    assert parse_record(line) is None


def test_format_timestamp_is_rfc3339nano_fixed() -> None:
    assert format_timestamp("2026-11-22T10:41:46.8328+00:00") == "2026-11-22T10:41:46.832800000Z"
    assert format_timestamp("2026-11-22T10:41:46Z") == "2026-11-22T10:41:46.000000000Z"
    assert (
        format_timestamp("2026-11-22T11:41:46.832839352+01:00")
        == "2026-11-22T11:41:46.832839352+01:00"
    )


def test_encode_record_roundtrip() -> None:
    when = datetime(2026, 11, 22, 10, 41, 46, 123456, tzinfo=timezone(timedelta(hours=-5)))
    raw = encode_record("stderr", b"x y", partial=True, when=when)
    assert raw == b"2026-11-22T10:41:46.123456000-05:00 stderr P x y\n"
    rec = parse_record(raw)
    assert rec is not None and rec.time == when and rec.partial and rec.text == b"x y"


def _rec(stream: str, text: str, partial: bool = False, second: int = 0) -> bytes:
    when = datetime(2026, 11, 22, 10, 0, second, tzinfo=UTC)
    return encode_record(stream, text.encode(), partial=partial, when=when)  # type: ignore[arg-type]


def test_joiner_joins_partials_per_stream() -> None:
    joiner = LineJoiner()
    lines: list[LogLine] = []
    for raw in (
        _rec("stdout", "hel", partial=True, second=1),
        _rec("stderr", "oops", second=2),
        _rec("stdout", "lo ", partial=True, second=3),
        _rec("stdout", "world", second=4),
        _rec("stdout", "next", second=5),
    ):
        rec = parse_record(raw)
        assert rec is not None
        line = joiner.feed(rec)
        if line is not None:
            lines.append(line)
    assert [(ln.stream, ln.text) for ln in lines] == [
        ("stderr", b"oops\n"),
        ("stdout", b"hello world\n"),
        ("stdout", b"next\n"),
    ]
    # a joined line carries the time of its first piece
    assert lines[1].time.second == 1 and lines[1].timestamp.startswith("2026-11-22T10:00:01")
    assert not joiner.has_pending()


def test_joiner_flush_gives_incomplete_lines() -> None:
    joiner = LineJoiner()
    for raw in (_rec("stdout", "a", partial=True, second=2), _rec("stderr", "b", True, 1)):
        rec = parse_record(raw)
        assert rec is not None and joiner.feed(rec) is None
    flushed = joiner.flush()
    assert [(ln.stream, ln.text, ln.complete) for ln in flushed] == [
        ("stderr", b"b", False),
        ("stdout", b"a", False),
    ]
    assert joiner.flush() == []


def test_joiner_bounds_a_huge_line() -> None:
    joiner = LineJoiner(max_line_bytes=10)
    out = []
    for i in range(5):
        rec = parse_record(_rec("stdout", "abcd", partial=True, second=i))
        assert rec is not None
        line = joiner.feed(rec)
        if line is not None:
            out.append(line)
    assert [ln.text for ln in out] == [b"abcdabcdabcd"]
    assert not out[0].complete


def test_format_line() -> None:
    rec = parse_record(b"2026-11-22T10:41:46.8+00:00 stdout F hi\n")
    assert rec is not None
    line = LineJoiner().feed(rec)
    assert line is not None
    assert format_line(line) == b"hi\n"
    assert format_line(line, timestamps=True) == b"2026-11-22T10:41:46.800000000Z hi\n"
