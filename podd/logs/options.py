"""``PodLogOptions``: the query of ``GET .../pods/{name}/log``, parsed and checked.

:func:`parse_log_options` converts the query string the way the apiserver
does (a bool is false only for ``false``/``0``, so ``?follow`` alone is true;
integers base 10; ``sinceTime`` RFC 3339) and raises :class:`LogOptionsError`
(a 400 BadRequest) when a value does not convert; :func:`validate_log_options`
applies Kubernetes' ValidatePodLogOptions and returns the causes of a 422
``PodLogOptions "<pod>" is invalid``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Literal

import msgspec

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.timeutil import parse_rfc3339

__all__ = [
    "STREAMS",
    "LogOptions",
    "LogOptionsError",
    "parse_log_options",
    "validate_log_options",
]

StreamChoice = Literal["All", "Stdout", "Stderr"]
STREAMS: tuple[StreamChoice, ...] = ("All", "Stdout", "Stderr")


class LogOptionsError(ValueError):
    """A query value that does not convert (400 BadRequest, with this message)."""


class LogOptions(msgspec.Struct, frozen=True, kw_only=True):
    """What to read from a container's log; every field optional as in Kubernetes.

    ``since_time`` wins over nothing (both set is invalid); ``since_seconds``
    counts back from :meth:`since` 's ``now``.
    """

    container: str | None = None
    follow: bool = False
    previous: bool = False
    since_seconds: int | None = None
    since_time: datetime | None = None
    timestamps: bool = False
    tail_lines: int | None = None
    limit_bytes: int | None = None
    stream: str = "All"
    insecure_skip_tls_verify_backend: bool = False

    def since(self, now: datetime | None = None) -> datetime | None:
        """The earliest time a line may have, or ``None`` for no limit."""
        if self.since_time is not None:
            return self.since_time
        if self.since_seconds is not None:
            return (now or datetime.now(UTC)) - timedelta(seconds=self.since_seconds)
        return None

    def streams(self) -> frozenset[str]:
        """The CRI stream names to show (``stdout``/``stderr``)."""
        if self.stream == "Stdout":
            return frozenset({"stdout"})
        if self.stream == "Stderr":
            return frozenset({"stderr"})
        return frozenset({"stdout", "stderr"})


def _first(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value[0] if value else None


def _bool(value: str | None) -> bool:
    return value is not None and value.lower() not in ("false", "0")


def _int(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isdigit() or not digits.isascii() or len(digits) > 19:
        raise LogOptionsError(f'invalid value for {name}: strconv.ParseInt: parsing "{value}"')
    number = int(text)
    if not -(2**63) <= number < 2**63:
        raise LogOptionsError(f'invalid value for {name}: "{value}" is out of range')
    return number


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_rfc3339(value)
    except ValueError:
        raise LogOptionsError(
            f'invalid value for sinceTime: parsing time "{value}" as RFC 3339'
        ) from None


def parse_log_options(query: Mapping[str, str | Sequence[str]]) -> LogOptions:
    """``LogOptions`` from a query mapping (a value may be a list: the first counts)."""

    def get(name: str) -> str | None:
        return _first(query.get(name))

    return LogOptions(
        container=get("container") or None,
        follow=_bool(get("follow")),
        previous=_bool(get("previous")),
        since_seconds=_int("sinceSeconds", get("sinceSeconds")),
        since_time=_time(get("sinceTime")),
        timestamps=_bool(get("timestamps")),
        tail_lines=_int("tailLines", get("tailLines")),
        limit_bytes=_int("limitBytes", get("limitBytes")),
        stream=get("stream") or "All",
        insecure_skip_tls_verify_backend=_bool(get("insecureSkipTLSVerifyBackend")),
    )


def validate_log_options(opts: LogOptions) -> list[StatusCause]:
    """Kubernetes' ValidatePodLogOptions."""
    errs: list[StatusCause] = []
    if opts.tail_lines is not None and opts.tail_lines < 0:
        errs.append(
            f.invalid(Path("tailLines"), opts.tail_lines, "must be greater than or equal to 0")
        )
    if opts.limit_bytes is not None and opts.limit_bytes < 1:
        errs.append(f.invalid(Path("limitBytes"), opts.limit_bytes, "must be greater than 0"))
    if opts.since_seconds is not None and opts.since_time is not None:
        errs.append(
            f.forbidden(Path(""), "at most one of `sinceTime` or `sinceSeconds` may be specified")
        )
    elif opts.since_seconds is not None and opts.since_seconds < 1:
        errs.append(f.invalid(Path("sinceSeconds"), opts.since_seconds, "must be greater than 0"))
    if opts.stream not in STREAMS:
        errs.append(f.not_supported(Path("stream"), opts.stream, STREAMS))
    elif opts.stream != "All" and opts.tail_lines is not None:
        errs.append(
            f.forbidden(
                Path(""), "`tailLines` and specific `stream` are mutually exclusive for now"
            )
        )
    return errs
