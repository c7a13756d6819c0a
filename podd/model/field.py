"""Field paths and field errors, shaped like Kubernetes' ``field`` package.

A field error is a :class:`StatusCause` (``reason``, ``message``, ``field``)
whose message is Kubernetes' ``ErrorBody``, e.g. for
``invalid(Path("spec").child("containers").index(0).child("name"), "A", msg)``::

    field:   spec.containers[0].name
    reason:  FieldValueInvalid
    message: Invalid value: "A": a lowercase RFC 1123 label must ...

:func:`error_string` gives the full ``field: message`` text used in a Status
message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import msgspec

from podd.model.base import K8sStruct

__all__ = [
    "CauseType",
    "Path",
    "StatusCause",
    "duplicate",
    "error_string",
    "forbidden",
    "internal",
    "invalid",
    "not_found",
    "not_supported",
    "required",
    "too_long",
    "too_many",
    "type_invalid",
]


class StatusCause(K8sStruct):
    """One cause of an error: what went wrong (``reason``) and where (``field``)."""

    reason: str | None = None
    message: str | None = None
    field: str | None = None


class CauseType:
    """Kubernetes ``metav1.CauseType`` values used in ``details.causes``."""

    NOT_FOUND = "FieldValueNotFound"
    REQUIRED = "FieldValueRequired"
    DUPLICATE = "FieldValueDuplicate"
    INVALID = "FieldValueInvalid"
    NOT_SUPPORTED = "FieldValueNotSupported"
    FORBIDDEN = "FieldValueForbidden"
    TOO_LONG = "FieldValueTooLong"
    TOO_MANY = "FieldValueTooMany"
    INTERNAL = "InternalError"
    TYPE_INVALID = "FieldValueTypeInvalid"


class Path:
    """An immutable field path: ``Path("spec").child("containers").index(0)``."""

    __slots__ = ("_text",)

    def __init__(self, text: str = "") -> None:
        self._text = text

    def child(self, *names: str) -> Path:
        text = self._text
        for name in names:
            text = f"{text}.{name}" if text else name
        return Path(text)

    def index(self, i: int) -> Path:
        return Path(f"{self._text}[{i}]")

    def key(self, k: str) -> Path:
        return Path(f"{self._text}[{k}]")

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Path({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def format_value(value: Any) -> str:
    """Render a bad value the way Go's ``field.Error`` does (strings quoted)."""
    if value is None:
        return '"null"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, msgspec.Struct):
        value = msgspec.to_builtins(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    except (TypeError, ValueError):
        return repr(value)


def _cause(reason: str, path: Path | str, body: str, detail: str = "") -> StatusCause:
    message = f"{body}: {detail}" if detail else body
    return StatusCause(reason=reason, message=message, field=str(path))


def required(path: Path | str, detail: str = "") -> StatusCause:
    return _cause(CauseType.REQUIRED, path, "Required value", detail)


def forbidden(path: Path | str, detail: str) -> StatusCause:
    return _cause(CauseType.FORBIDDEN, path, "Forbidden", detail)


def invalid(path: Path | str, value: Any, detail: str = "") -> StatusCause:
    return _cause(CauseType.INVALID, path, f"Invalid value: {format_value(value)}", detail)


def type_invalid(path: Path | str, value: Any, detail: str = "") -> StatusCause:
    return _cause(CauseType.TYPE_INVALID, path, f"Invalid value: {format_value(value)}", detail)


def duplicate(path: Path | str, value: Any) -> StatusCause:
    return _cause(CauseType.DUPLICATE, path, f"Duplicate value: {format_value(value)}")


def not_found(path: Path | str, value: Any) -> StatusCause:
    return _cause(CauseType.NOT_FOUND, path, f"Not found: {format_value(value)}")


def not_supported(path: Path | str, value: Any, supported: Iterable[str]) -> StatusCause:
    values = ", ".join(json.dumps(v) for v in supported)
    detail = f"supported values: {values}" if values else ""
    return _cause(
        CauseType.NOT_SUPPORTED, path, f"Unsupported value: {format_value(value)}", detail
    )


def too_long(path: Path | str, max_length: int, *, unit: str = "bytes") -> StatusCause:
    return _cause(CauseType.TOO_LONG, path, "Too long", f"must have at most {max_length} {unit}")


def too_many(path: Path | str, actual: int, max_items: int) -> StatusCause:
    return _cause(
        CauseType.TOO_MANY, path, f"Too many: {actual}", f"must have at most {max_items} items"
    )


def internal(path: Path | str, detail: str) -> StatusCause:
    return _cause(CauseType.INTERNAL, path, "Internal error", detail)


def error_string(cause: StatusCause) -> str:
    """``field: message`` (or just the message when there is no field)."""
    if cause.field:
        return f"{cause.field}: {cause.message or ''}"
    return cause.message or ""
