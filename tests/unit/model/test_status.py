import json

from podd.model.base import encode
from podd.model.errors import (
    BodyError,
    InvalidError,
    PatchError,
    QuantityError,
    SelectorError,
    UnsupportedMediaTypeError,
)
from podd.model.field import Path, StatusCause, duplicate, error_string, required
from podd.model.status import (
    already_exists,
    bad_request,
    conflict,
    forbidden,
    gone,
    internal_error,
    invalid,
    method_not_allowed,
    not_found,
    status_from_error,
    success,
    too_large,
    unauthorized,
    unsupported_media_type,
)


def as_json(status: object) -> dict:
    return json.loads(encode(status))


def test_not_found_exactly_like_kubernetes() -> None:
    assert as_json(not_found("pods", "web")) == {
        "apiVersion": "v1",
        "kind": "Status",
        "metadata": {},
        "status": "Failure",
        "message": 'pods "web" not found',
        "reason": "NotFound",
        "details": {"name": "web", "kind": "pods"},
        "code": 404,
    }


def test_constructors() -> None:
    cases = [
        (already_exists("pods", "web"), 409, "AlreadyExists", 'pods "web" already exists'),
        (
            conflict("pods", "web"),
            409,
            "Conflict",
            'Operation cannot be fulfilled on pods "web": the object has been modified; '
            "please apply your changes to the latest version and try again",
        ),
        (
            forbidden("namespaces", "default", "cannot delete"),
            403,
            "Forbidden",
            'namespaces "default" is forbidden: cannot delete',
        ),
        (bad_request("bad"), 400, "BadRequest", "bad"),
        (unauthorized(), 401, "Unauthorized", "Unauthorized"),
        (
            method_not_allowed("pods", "watch"),
            405,
            "MethodNotAllowed",
            'watch is not supported on resources of kind "pods"',
        ),
        (
            gone("too old resource version: 1 (5)"),
            410,
            "Expired",
            "too old resource version: 1 (5)",
        ),
        (
            too_large("limit is 3145728"),
            413,
            "RequestEntityTooLarge",
            "Request entity too large: limit is 3145728",
        ),
        (
            unsupported_media_type("text/plain"),
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: "
            "application/json, application/yaml",
        ),
        (internal_error("boom"), 500, "InternalError", "Internal error occurred: boom"),
    ]
    for status, code, reason, message in cases:
        assert (status.code, status.reason, status.message, status.status) == (
            code,
            reason,
            message,
            "Failure",
        )


def test_invalid_message_and_causes() -> None:
    one = [required(Path("spec").child("containers"))]
    status = invalid("Pod", "web", one)
    assert status.message == 'Pod "web" is invalid: spec.containers: Required value'
    assert as_json(status)["details"] == {
        "name": "web",
        "kind": "Pod",
        "causes": [
            {
                "reason": "FieldValueRequired",
                "message": "Required value",
                "field": "spec.containers",
            }
        ],
    }
    two = [
        duplicate("spec.volumes[1].name", "data"),
        duplicate("spec.volumes[1].name", "data"),
        *one,
    ]
    assert invalid("Pod", "web", two).message == (
        'Pod "web" is invalid: [spec.volumes[1].name: Duplicate value: "data", '
        "spec.containers: Required value]"
    )
    assert invalid("Pod", "web", []).message == 'Pod "web" is invalid'


def test_success() -> None:
    assert as_json(success("namespaces", "prod", "u")) == {
        "apiVersion": "v1",
        "kind": "Status",
        "metadata": {},
        "status": "Success",
        "details": {"name": "prod", "kind": "namespaces", "uid": "u"},
    }


def test_status_from_error() -> None:
    cause = StatusCause(
        reason="FieldValueInvalid", message='unknown field "spec.x"', field="spec.x"
    )
    err = InvalidError([cause], name="web", kind="Pod")
    status = status_from_error(err)
    assert (status.code, status.reason) == (422, "Invalid")
    assert status.message == 'Pod "web" is invalid: spec.x: unknown field "spec.x"'
    assert str(err) == error_string(cause)
    assert status_from_error(BodyError("nope")).code == 400
    assert status_from_error(SelectorError("bad selector")).reason == "BadRequest"
    assert (
        status_from_error(UnsupportedMediaTypeError("text/plain", ["application/json"])).code == 415
    )
    patch = status_from_error(PatchError("test failed"), kind="Pod", name="web")
    assert (patch.code, patch.reason) == (422, "Invalid")
    assert status_from_error(PatchError("not a list", code=400)).code == 400
    assert status_from_error(QuantityError("x")).code == 422
