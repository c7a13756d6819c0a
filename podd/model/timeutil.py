"""RFC 3339 timestamps as Kubernetes writes them.

``metav1.Time`` has second precision (``2026-11-22T11:00:00Z``);
``metav1.MicroTime`` has microseconds (``2026-11-22T11:00:00.123456Z``).
The model keeps timestamps as these strings.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = [
    "format_rfc3339",
    "format_rfc3339_micro",
    "now_rfc3339",
    "now_rfc3339_micro",
    "parse_rfc3339",
]


def format_rfc3339(dt: datetime) -> str:
    """``dt`` in UTC with second precision and a ``Z`` suffix (metav1.Time)."""
    return _utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_rfc3339_micro(dt: datetime) -> str:
    """``dt`` in UTC with microsecond precision and a ``Z`` suffix (metav1.MicroTime)."""
    return _utc(dt).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def now_rfc3339() -> str:
    """The current time as a metav1.Time string."""
    return format_rfc3339(datetime.now(UTC))


def now_rfc3339_micro() -> str:
    """The current time as a metav1.MicroTime string."""
    return format_rfc3339_micro(datetime.now(UTC))


def parse_rfc3339(s: str) -> datetime:
    """Parse an RFC 3339 timestamp into an aware datetime.

    Accepts a ``Z`` or numeric offset and any number of fractional digits
    (nanoseconds are truncated to microseconds). Raises ``ValueError``.
    """
    text = s.strip()
    if "T" not in text and "t" not in text:
        raise ValueError(f"not an RFC 3339 timestamp: {s!r}")
    dt = datetime.fromisoformat(text.replace("z", "Z"))
    if dt.tzinfo is None:
        raise ValueError(f"RFC 3339 timestamp without a time zone: {s!r}")
    return dt


def _utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
