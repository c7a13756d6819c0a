"""The model's exception tree. The API layer maps each to a ``Status`` once.

::

    ModelError                       base; .code (HTTP status) and .reason
     ├── BodyError                   400 BadRequest: unreadable body, wrong kind
     ├── UnsupportedMediaTypeError   415 UnsupportedMediaType
     ├── InvalidError                422 Invalid, carries field causes
     ├── PatchError                  400 BadRequest or 422 Invalid
     ├── SelectorError               400 BadRequest: label/field selector
     └── QuantityError               422 Invalid: a malformed resource quantity

:func:`podd.model.status.status_from_error` turns any of them into a Status.
"""

from __future__ import annotations

from collections.abc import Sequence

from podd.model.field import StatusCause, error_string

__all__ = [
    "BodyError",
    "InvalidError",
    "ModelError",
    "PatchError",
    "QuantityError",
    "SelectorError",
    "UnsupportedMediaTypeError",
]


class ModelError(Exception):
    """Base of every error raised by ``podd.model``."""

    code: int = 400
    reason: str = "BadRequest"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BodyError(ModelError):
    """The request body cannot be read as the expected object (400)."""


class UnsupportedMediaTypeError(ModelError):
    """The body's Content-Type is not one podd reads (415)."""

    code = 415
    reason = "UnsupportedMediaType"

    def __init__(self, content_type: str, accepted: Sequence[str]) -> None:
        super().__init__(
            "the body of the request was in an unknown format - accepted media types include: "
            + ", ".join(accepted)
        )
        self.content_type = content_type
        self.accepted = tuple(accepted)


class InvalidError(ModelError):
    """The object is well-formed but some fields are invalid (422).

    ``causes`` holds one :class:`StatusCause` per problem; ``name`` (the
    object's name when it could be read) and ``kind`` (``Pod``) make the
    Status message: ``Pod "web" is invalid: ...``.
    """

    code = 422
    reason = "Invalid"

    def __init__(
        self,
        causes: Sequence[StatusCause],
        *,
        name: str | None = None,
        kind: str | None = None,
    ) -> None:
        self.causes = list(causes)
        self.name = name
        self.kind = kind
        super().__init__(", ".join(error_string(c) for c in self.causes) or "invalid object")


class PatchError(ModelError):
    """A patch cannot be applied (422) or is not a well-formed patch (400)."""

    def __init__(self, message: str, *, code: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.reason = "Invalid" if code == 422 else "BadRequest"


class SelectorError(ModelError):
    """A label or field selector cannot be parsed or names an unsupported field (400)."""


class QuantityError(ModelError, ValueError):
    """A resource quantity does not parse (as Kubernetes' ``resource.ParseQuantity``)."""

    code = 422
    reason = "Invalid"
