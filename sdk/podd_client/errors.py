"""Typed exceptions for podd's answers: each carries the ``Status`` podd sent
(reason, code, message and the causes naming each field), as the apiserver's
``StatusError`` does for client-go."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from ._generated.models.status import Status
from ._generated.models.status_cause import StatusCause
from ._generated.types import Unset


class PoddError(Exception):
    """A Status of failure from podd (or a transport problem, without one)."""

    def __init__(self, status: Status, code: int) -> None:
        self.status = status
        self.code = code
        message = status.message if isinstance(status.message, str) else ""
        super().__init__(f"{code} {self.reason}: {message}".rstrip(": "))

    @property
    def reason(self) -> str:
        return self.status.reason if isinstance(self.status.reason, str) else ""

    @property
    def message(self) -> str:
        return self.status.message if isinstance(self.status.message, str) else ""

    @property
    def causes(self) -> list[StatusCause]:
        details = self.status.details
        if details is None or isinstance(details, Unset):
            return []
        causes = details.causes
        return list(causes) if isinstance(causes, list) else []


class BadRequest(PoddError):
    """400: a malformed body or query value."""


class Unauthorized(PoddError):
    """401: no or a wrong bearer token."""


class Forbidden(PoddError):
    """403: e.g. a protected or terminating namespace."""


class NotFound(PoddError):
    """404: the object, its namespace or the container."""


class Conflict(PoddError):
    """409: a precondition or a newer resourceVersion."""


class AlreadyExists(Conflict):
    """409 AlreadyExists: create of a name in use."""


class Gone(PoddError):
    """410: the resourceVersion is older than podd's watch history."""


class Invalid(PoddError):
    """422: the causes name each field."""


class ServiceUnavailable(PoddError):
    """503."""


class WaitTimeout(PoddError, TimeoutError):
    """``pods.wait`` ran out of time; the Status says what was awaited."""


_BY_CODE: dict[int, type[PoddError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    410: Gone,
    422: Invalid,
    503: ServiceUnavailable,
}


def status_error(status: Status, code: int | None = None) -> PoddError:
    """The exception for ``status`` (its own code unless ``code`` is given)."""
    if code is None:
        code = status.code if isinstance(status.code, int) else 500
    if code == 409 and status.reason == "AlreadyExists":
        return AlreadyExists(status, code)
    return _BY_CODE.get(code, PoddError)(status, code)


def from_response(code: int, content: bytes) -> PoddError:
    """The exception for an HTTP error answer: its Status, or one made up
    from the text when the body is not a Status."""
    data: Any = None
    with contextlib.suppress(ValueError):
        data = json.loads(content)
    if isinstance(data, dict) and data.get("kind") == "Status":
        return status_error(Status.from_dict(data), code)
    text = content.decode(errors="replace").strip() or f"HTTP {code}"
    return status_error(Status(status="Failure", message=text, code=code), code)
