"""``Status`` (every error response), ``DeleteOptions`` and ``WatchEvent``.

The constructors below produce the exact Status objects the Kubernetes
apiserver returns, e.g. ``not_found("pods", "web")``::

    {"apiVersion":"v1","kind":"Status","metadata":{},"status":"Failure",
     "message":"pods \\"web\\" not found","reason":"NotFound",
     "details":{"name":"web","kind":"pods"},"code":404}

Functions taking ``resource`` want the plural resource name (``pods``,
``namespaces``); :func:`invalid` wants the kind (``Pod``), as Kubernetes does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import msgspec

from podd.model.base import K8sStruct, always
from podd.model.errors import InvalidError, ModelError
from podd.model.field import StatusCause, error_string
from podd.model.meta import ListMeta

__all__ = [
    "OPTIMISTIC_LOCK_MESSAGE",
    "DeleteOptions",
    "Preconditions",
    "Status",
    "StatusCause",
    "StatusDetails",
    "WatchEvent",
    "already_exists",
    "bad_request",
    "conflict",
    "forbidden",
    "gone",
    "internal_error",
    "invalid",
    "method_not_allowed",
    "not_found",
    "service_unavailable",
    "status_from_error",
    "success",
    "too_large",
    "unauthorized",
    "unsupported_media_type",
]

OPTIMISTIC_LOCK_MESSAGE = (
    "the object has been modified; please apply your changes to the latest version and try again"
)


class StatusDetails(K8sStruct):
    name: str | None = None
    group: str | None = None
    kind: str | None = None
    uid: str | None = None
    causes: list[StatusCause] | None = None
    retry_after_seconds: int | None = None


class Status(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("Status")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    status: str | None = None
    message: str | None = None
    reason: str | None = None
    details: StatusDetails | None = None
    code: int | None = None


class Preconditions(K8sStruct):
    uid: str | None = None
    resource_version: str | None = None


class DeleteOptions(K8sStruct):
    accepted_api_versions: ClassVar[tuple[str, ...]] = ("v1", "meta.k8s.io/v1")

    api_version: str = always("v1")
    kind: str = always("DeleteOptions")
    grace_period_seconds: int | None = None
    preconditions: Preconditions | None = None
    orphan_dependents: bool | None = None
    propagation_policy: str | None = None
    dry_run: list[str] | None = None


class WatchEvent(msgspec.Struct):
    """One line of a watch stream: ``{"type": "ADDED", "object": {...}}``.

    ``object`` is the already-encoded object (``msgspec.Raw(encode(pod))``).
    """

    type: str
    object: msgspec.Raw


def _failure(code: int, reason: str, message: str, details: StatusDetails | None = None) -> Status:
    return Status(status="Failure", message=message, reason=reason, details=details, code=code)


def _qualified(resource: str, group: str) -> str:
    return f"{resource}.{group}" if group else resource


def not_found(resource: str, name: str, *, group: str = "") -> Status:
    return _failure(
        404,
        "NotFound",
        f'{_qualified(resource, group)} "{name}" not found',
        StatusDetails(name=name, group=group or None, kind=resource),
    )


def already_exists(resource: str, name: str, *, group: str = "") -> Status:
    return _failure(
        409,
        "AlreadyExists",
        f'{_qualified(resource, group)} "{name}" already exists',
        StatusDetails(name=name, group=group or None, kind=resource),
    )


def conflict(
    resource: str, name: str, message: str = OPTIMISTIC_LOCK_MESSAGE, *, group: str = ""
) -> Status:
    return _failure(
        409,
        "Conflict",
        f'Operation cannot be fulfilled on {_qualified(resource, group)} "{name}": {message}',
        StatusDetails(name=name, group=group or None, kind=resource),
    )


def forbidden(resource: str, name: str, message: str, *, group: str = "") -> Status:
    return _failure(
        403,
        "Forbidden",
        f'{_qualified(resource, group)} "{name}" is forbidden: {message}',
        StatusDetails(name=name, group=group or None, kind=resource),
    )


def invalid(kind: str, name: str, causes: Sequence[StatusCause], *, group: str = "") -> Status:
    """422 Invalid; the message aggregates the causes as Kubernetes does.

    One cause: ``Pod "x" is invalid: <field>: <message>``; several:
    ``Pod "x" is invalid: [<a>, <b>]`` (duplicates folded).
    """
    texts: list[str] = []
    for cause in causes:
        text = error_string(cause)
        if text not in texts:
            texts.append(text)
    qualified = f"{kind}.{group}" if group else kind
    if not texts:
        message = f'{qualified} "{name}" is invalid'
    elif len(texts) == 1:
        message = f'{qualified} "{name}" is invalid: {texts[0]}'
    else:
        message = f'{qualified} "{name}" is invalid: [{", ".join(texts)}]'
    return _failure(
        422,
        "Invalid",
        message,
        StatusDetails(name=name, group=group or None, kind=kind, causes=list(causes)),
    )


def bad_request(message: str) -> Status:
    return _failure(400, "BadRequest", message)


def unauthorized(message: str = "Unauthorized") -> Status:
    return _failure(401, "Unauthorized", message)


def method_not_allowed(resource: str, action: str) -> Status:
    return _failure(
        405,
        "MethodNotAllowed",
        f'{action} is not supported on resources of kind "{resource}"',
        StatusDetails(kind=resource),
    )


def gone(message: str) -> Status:
    """410 Expired: e.g. ``too old resource version: 12 (340)`` for a watch."""
    return _failure(410, "Expired", message)


def too_large(message: str) -> Status:
    return _failure(413, "RequestEntityTooLarge", f"Request entity too large: {message}")


def unsupported_media_type(
    content_type: str,
    accepted: Sequence[str] = ("application/json", "application/yaml"),
) -> Status:
    del content_type  # Kubernetes does not echo it
    return _failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
        + ", ".join(accepted),
    )


def internal_error(message: str) -> Status:
    return _failure(
        500,
        "InternalError",
        f"Internal error occurred: {message}",
        StatusDetails(causes=[StatusCause(message=message)]),
    )


def service_unavailable(message: str) -> Status:
    return _failure(503, "ServiceUnavailable", message)


def success(resource: str | None = None, name: str | None = None, uid: str | None = None) -> Status:
    details = StatusDetails(name=name, kind=resource, uid=uid) if resource or name else None
    return Status(status="Success", details=details)


def status_from_error(exc: ModelError, *, kind: str = "", name: str | None = None) -> Status:
    """The Status for a model error: Invalid with causes, or the error's own code/reason."""
    if isinstance(exc, InvalidError):
        kind = kind or exc.kind or "Object"
        return invalid(kind, name if name is not None else exc.name or "", exc.causes)
    if exc.code == 415:
        return _failure(415, "UnsupportedMediaType", exc.message)
    if exc.code == 422:
        causes = [StatusCause(reason="FieldValueInvalid", message=exc.message)]
        return invalid(kind or "Object", name or "", causes)
    return _failure(exc.code, exc.reason, exc.message)
