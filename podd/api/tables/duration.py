"""Ages as the apiserver prints them (apimachinery's ``duration.HumanDuration``).

About two or three significant figures: ``45s``, ``119s``, ``3m20s``, ``15m``,
``4h5m``, ``20h``, ``2d3h``, ``30d``, ``2y40d``, ``9y``; ``<unknown>`` for
an unset timestamp and ``<invalid>`` for one more than a second in the future.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from podd.model.timeutil import parse_rfc3339

__all__ = ["human_duration", "since"]

_SECOND = 1_000_000  # microseconds: timedelta's resolution
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE


def human_duration(d: timedelta) -> str:
    us = d // timedelta(microseconds=1)
    # Go converts toward zero; up to a second ahead (clock skew) reads as now.
    seconds = -(-us // _SECOND) if us < 0 else us // _SECOND
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 120:
        return f"{seconds}s"
    minutes = us // _MINUTE
    if minutes < 10:
        s = seconds % 60
        return f"{minutes}m{s}s" if s else f"{minutes}m"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = us // _HOUR
    if hours < 8:
        m = minutes % 60
        return f"{hours}h{m}m" if m else f"{hours}h"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d{h}h" if h else f"{hours // 24}d"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return f"{hours // 24 // 365}y{dy}d" if dy else f"{hours // 24 // 365}y"
    return f"{hours // 24 // 365}y"


def since(timestamp: str | None, now: datetime) -> str:
    """``translateTimestampSince``: the age of an RFC 3339 timestamp at ``now``."""
    if not timestamp:
        return "<unknown>"
    try:
        then = parse_rfc3339(timestamp)
    except ValueError:
        return "<unknown>"
    return human_duration(now - then)
