import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from podd.model.timeutil import (
    format_rfc3339,
    format_rfc3339_micro,
    now_rfc3339,
    now_rfc3339_micro,
    parse_rfc3339,
)


def test_formats() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", now_rfc3339())
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", now_rfc3339_micro())
    dt = datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert format_rfc3339(dt) == "2026-11-22T11:00:00Z"
    assert format_rfc3339_micro(dt) == "2026-11-22T11:00:00.123456Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22T11:00:00Z", datetime(2026, 11, 22, 11, tzinfo=UTC)),
        ("2026-11-22T11:00:00.5Z", datetime(2026, 11, 22, 11, 0, 0, 500000, tzinfo=UTC)),
        ("2026-11-22T11:00:00.123456789Z", datetime(2026, 11, 22, 11, 0, 0, 123456, tzinfo=UTC)),
        ("2026-11-22T12:00:00+01:00", datetime(2026, 11, 22, 11, tzinfo=UTC)),
    ],
)
def test_parse(text: str, expected: datetime) -> None:
    assert parse_rfc3339(text) == expected
    assert parse_rfc3339(format_rfc3339(expected)) == expected.replace(microsecond=0)


@pytest.mark.parametrize("text", ["2026-11-22", "2026-11-22T11:00:00", "yesterday"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rfc3339(text)
