"""Every error leaves the API as a Kubernetes ``Status`` object, mapped here once.

Whatever no mapping knows is a 500 with a generic message: the traceback goes
to podd's log, never to the client (no server paths, no internals). A full
disk is a 507 wherever it surfaces.
"""

from __future__ import annotations

import logging

from litestar import Request, Response
from litestar.exceptions import HTTPException, MethodNotAllowedException, NotFoundException

from podd.api.respond import json_response
from podd.images import errors as ierr
from podd.model import errors as merr
from podd.model import status as st
from podd.model.field import StatusCause
from podd.model.limits import TooLargeError
from podd.store import errors as serr

log = logging.getLogger("podd.api")


def status_for(exc: Exception) -> st.Status:
    """The Status for an exception raised anywhere below the API."""
    if isinstance(exc, serr.NotFoundError):
        return st.not_found(plural(exc.kind), exc.name)
    if isinstance(exc, serr.AlreadyExistsError):
        return st.already_exists(plural(exc.kind), exc.name)
    if isinstance(exc, serr.ConflictError):
        return st.conflict(plural(exc.kind), exc.name, exc.message)
    if isinstance(exc, serr.ExpiredError):
        return st.gone(exc.message)
    if isinstance(exc, serr.StorageFullError):
        return insufficient_storage(exc.message)
    if isinstance(exc, TooLargeError):
        return st.too_large(exc.message)
    if isinstance(exc, merr.InvalidError):
        return st.invalid(getattr(exc, "kind", "Object"), exc.name or "", exc.causes)
    if isinstance(exc, merr.UnsupportedMediaTypeError):
        return st.unsupported_media_type(exc.content_type)
    if isinstance(exc, merr.PatchError):  # 422 when it cannot apply, 400 when malformed
        return _status(exc.code, exc.reason, str(exc))
    if isinstance(exc, merr.ModelError):
        return st.bad_request(str(exc))
    if isinstance(exc, APIError):
        return exc.status
    if isinstance(exc, ierr.ImageError):
        return _image_status(exc)
    raise TypeError(f"no Status for {type(exc).__name__}")


def _image_status(exc: ierr.ImageError) -> st.Status:
    if isinstance(exc, ierr.InvalidReferenceError):
        cause = StatusCause(reason="FieldValueInvalid", message=exc.message, field=exc.field)
        return st.invalid("Image", exc.value, [cause])
    if isinstance(exc, ierr.ImageNotFoundError):
        return _status(404, "NotFound", exc.message)
    if isinstance(exc, ierr.ImageInUseError):
        return _status(409, "Conflict", exc.message)
    if isinstance(exc, ierr.RegistryUnavailableError):
        return _status(503, "ServiceUnavailable", exc.message)
    if isinstance(exc, ierr.StoreError):
        return _status(500, "InternalError", exc.message)
    return _status(400, "BadRequest", f"{exc.reason}: {exc.message}")


def plural(kind: str) -> str:
    """Status messages name the resource (``pods``), the store the kind (``Pod``)."""
    if kind[:1].islower():
        return kind
    return kind.lower() + ("es" if kind.endswith("s") else "s")


class APIError(Exception):
    """An error already shaped as a Status by the handler that raised it."""

    def __init__(self, status: st.Status) -> None:
        super().__init__(status.message)
        self.status = status


def _respond(status: st.Status) -> Response[bytes]:
    return json_response(status, status.code or 500)


def handle_known(_: Request, exc: Exception) -> Response[bytes]:
    return _respond(status_for(exc))


def handle_http(request: Request, exc: HTTPException) -> Response[bytes]:
    code = exc.status_code
    if isinstance(exc, NotFoundException):
        return _respond(
            _status(404, "NotFound", "the server could not find the requested resource")
        )
    if isinstance(exc, MethodNotAllowedException):
        r = _respond(_status(405, "MethodNotAllowed", "the server does not allow this method"))
        r.headers.update(exc.headers or {})  # Allow: what the path serves
        return r
    if code == 413:
        return _respond(st.too_large(f"limit is {request.app.request_max_body_size}"))
    if code == 401:
        return _respond(st.unauthorized())
    if code == 400:
        return _respond(st.bad_request(str(exc.detail)))
    return _respond(_status(code, _REASONS.get(code, "Unknown"), str(exc.detail)))


_REASONS = {
    403: "Forbidden",
    406: "NotAcceptable",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
    503: "ServiceUnavailable",
}


def _status(code: int, reason: str, message: str) -> st.Status:
    return st.Status(status="Failure", message=message, reason=reason, code=code)


def insufficient_storage(message: str) -> st.Status:
    return _status(507, "InsufficientStorage", message)


def handle_unexpected(request: Request, exc: Exception) -> Response[bytes]:
    if serr.is_disk_full(exc):
        log.warning("disk full", extra={"path": request.url.path, "method": request.method})
        return _respond(insufficient_storage(serr.StorageFullError().message))
    log.exception("request failed", extra={"path": request.url.path, "method": request.method})
    return _respond(st.internal_error("the server could not complete the request"))


EXCEPTION_HANDLERS = {
    serr.StoreError: handle_known,
    merr.ModelError: handle_known,
    APIError: handle_known,
    ierr.ImageError: handle_known,
    HTTPException: handle_http,
    Exception: handle_unexpected,
}
