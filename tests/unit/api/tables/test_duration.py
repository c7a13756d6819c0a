"""AGE cells as the apiserver formats durations (HumanDuration)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from podd.api.tables.duration import human_duration, since

S, M, H, D = 1, 60, 3600, 86400
NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        pytest.param(0, "0s", id="now"),
        pytest.param(1.9, "1s", id="seconds-truncate"),
        pytest.param(-0.5, "0s", id="half-a-second-ahead-is-now"),
        pytest.param(-1.5, "0s", id="a-second-ahead-is-now"),
        pytest.param(-2.5, "<invalid>", id="two-seconds-ahead-is-invalid"),
        pytest.param(45, "45s", id="45s"),
        pytest.param(119, "119s", id="seconds-up-to-two-minutes"),
        pytest.param(2 * M, "2m", id="two-minutes"),
        pytest.param(3 * M + 20, "3m20s", id="minutes-and-seconds"),
        pytest.param(9 * M + 59, "9m59s", id="last-with-seconds"),
        pytest.param(10 * M + 30, "10m", id="minutes-only-from-ten"),
        pytest.param(179 * M + 59, "179m", id="minutes-up-to-three-hours"),
        pytest.param(3 * H, "3h", id="three-hours"),
        pytest.param(4 * H + 5 * M, "4h5m", id="hours-and-minutes"),
        pytest.param(7 * H + 59 * M + 59, "7h59m", id="last-with-minutes"),
        pytest.param(8 * H, "8h", id="hours-only-from-eight"),
        pytest.param(47 * H + 59 * M, "47h", id="hours-up-to-two-days"),
        pytest.param(2 * D, "2d", id="two-days"),
        pytest.param(2 * D + 3 * H, "2d3h", id="days-and-hours"),
        pytest.param(7 * D + 23 * H, "7d23h", id="last-with-hours"),
        pytest.param(8 * D + 5 * H, "8d", id="days-only-from-eight"),
        pytest.param(729 * D, "729d", id="days-up-to-two-years"),
        pytest.param(730 * D, "2y", id="two-years"),
        pytest.param(730 * D + 40 * D, "2y40d", id="years-and-days"),
        pytest.param(8 * 365 * D + 40 * D, "8y", id="years-only-from-eight"),
    ],
)
def test_human_duration(seconds: float, text: str) -> None:
    assert human_duration(timedelta(seconds=seconds)) == text


@pytest.mark.parametrize(
    ("timestamp", "text"),
    [
        pytest.param("2026-12-01T11:56:40Z", "3m20s", id="metav1-time"),
        pytest.param("2026-12-01T11:59:15.250000Z", "44s", id="micro-time"),
        pytest.param("2026-11-29T09:00:00+00:00", "2d3h", id="numeric-offset"),
        pytest.param(None, "<unknown>", id="unset"),
        pytest.param("", "<unknown>", id="empty"),
        pytest.param("yesterday", "<unknown>", id="not-a-timestamp"),
    ],
)
def test_since(timestamp: str | None, text: str) -> None:
    assert since(timestamp, NOW) == text
