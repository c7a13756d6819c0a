"""PodLogOptions from the query string, and Kubernetes' validation of them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from podd.logs.options import (
    LogOptions,
    LogOptionsError,
    parse_log_options,
    validate_log_options,
)


def test_defaults() -> None:
    opts = parse_log_options({})
    assert opts == LogOptions()
    assert opts.since() is None and opts.streams() == {"stdout", "stderr"}


def test_parse_everything() -> None:
    opts = parse_log_options(
        {
            "container": "web",
            "follow": "true",
            "previous": "1",
            "timestamps": "",  # present without a value: true, as in the apiserver
            "tailLines": "10",
            "limitBytes": ["500", "9"],
            "sinceTime": "2026-11-22T10:00:00Z",
            "stream": "Stderr",
        }
    )
    assert opts.container == "web" and opts.follow and opts.previous and opts.timestamps
    assert opts.tail_lines == 10 and opts.limit_bytes == 500
    assert opts.since_time == datetime(2026, 11, 22, 10, tzinfo=UTC)
    assert opts.streams() == {"stderr"}


@pytest.mark.parametrize("value,expected", [("false", False), ("0", False), ("FALSE", False)])
def test_false_values(value: str, expected: bool) -> None:
    assert parse_log_options({"follow": value}).follow is expected


def test_since_seconds_counts_back_from_now() -> None:
    now = datetime(2026, 11, 22, 10, 0, 30, tzinfo=UTC)
    opts = parse_log_options({"sinceSeconds": "30"})
    assert opts.since(now) == datetime(2026, 11, 22, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    "query",
    [{"tailLines": "x"}, {"limitBytes": "1.5"}, {"sinceSeconds": ""}, {"sinceTime": "yesterday"}],
)
def test_unconvertible_values(query: dict[str, str]) -> None:
    with pytest.raises(LogOptionsError):
        parse_log_options(query)


def test_validation_like_kubernetes() -> None:
    assert validate_log_options(LogOptions()) == []
    errs = validate_log_options(LogOptions(tail_lines=-1, limit_bytes=0, since_seconds=0))
    assert [(e.field, e.message) for e in errs] == [
        ("tailLines", "Invalid value: -1: must be greater than or equal to 0"),
        ("limitBytes", "Invalid value: 0: must be greater than 0"),
        ("sinceSeconds", "Invalid value: 0: must be greater than 0"),
    ]
    both = LogOptions(since_seconds=5, since_time=datetime(2026, 1, 1, tzinfo=UTC))
    assert validate_log_options(both)[0].message == (
        "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified"
    )
    bad_stream = validate_log_options(LogOptions(stream="Both"))
    assert bad_stream[0].field == "stream" and bad_stream[0].reason == "FieldValueNotSupported"
    tail_and_stream = validate_log_options(LogOptions(stream="Stdout", tail_lines=1))
    assert "mutually exclusive" in (tail_and_stream[0].message or "")
