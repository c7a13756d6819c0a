"""Create-only kinds that are never stored ("reviews": a question in the
request body, the answer in the response's ``status``), e.g.
SelfSubjectAccessReview.

A ``ReviewType`` is served at ``POST /apis/<group>/<version>/<plural>`` and
listed by discovery and the OpenAPI documents like a stored kind with the one
verb ``create``. Its ``review`` hook is a pure function of the caller and the
decoded request: it raises ``InvalidError`` (a 422 naming the kind and its
group) or an ``APIError``, or returns the answer (201 Created, as the
apiserver answers a create).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request, Response, post
from litestar.handlers import HTTPRouteHandler

from podd.api import openapi_params as qp
from podd.api import query
from podd.api.errors import APIError
from podd.api.groupversion import group_of, path_prefix
from podd.api.identity import user_info
from podd.api.ownership import request_manager
from podd.api.respond import json_response
from podd.model import status as st
from podd.model.authentication import UserInfo
from podd.model.codec import decode_body
from podd.model.errors import InvalidError

__all__ = ["Review", "ReviewType", "review_handlers"]

Review = Callable[[UserInfo, Any], Any]


@dataclass(frozen=True)
class ReviewType:
    kind: str  # "SelfSubjectAccessReview"
    plural: str
    singular: str
    api_version: str  # "authorization.k8s.io/v1"
    struct: type
    review: Review
    namespaced: bool = False
    verbs: tuple[str, ...] = ("create",)
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    list_struct: type | None = None  # never listed
    # The contract's request schema where the server checks more than the
    # Struct's types (None: the Struct's own schema).
    request_schema: dict[str, Any] | None = None


def answer(rt: ReviewType, user: UserInfo, body: bytes, content_type: str, params: Any) -> Any:
    """Decode the request, run the review; a 422 names the kind with its group."""
    query.dry_run(params, "CreateOptions")  # validated; nothing is stored anyway
    try:  # JSON, YAML or protobuf (kubectl >= 1.32's typed clients: podd.model.protokinds)
        obj: Any
        obj, warnings = decode_body(body, content_type, rt.struct, params.get("fieldValidation"))
        return rt.review(user, obj), warnings
    except InvalidError as exc:
        group = group_of(rt.api_version)
        raise APIError(st.invalid(rt.kind, exc.name or "", exc.causes, group=group)) from None


def _opt(rt: ReviewType) -> dict[str, Any]:
    body: dict[str, Any] = {"request": rt.struct}
    if rt.request_schema is not None:
        body = {"request_schema": rt.request_schema}
    return {
        "openapi": {
            "verb": "create",
            "tag": rt.kind,
            "params": qp.WRITE_PARAMS,
            **body,
            "request_media": ("application/json", "application/yaml"),
            # (and the protobuf encoding, which no JSON schema describes)
            "response": rt.struct,
            "code": 201,
            "errors": (400, 413, 415, 422),
        }
    }


def review_handlers(rt: ReviewType) -> list[HTTPRouteHandler]:
    path = f"{path_prefix(rt.api_version)}/{rt.plural}"

    async def create(request: Request[Any, Any, Any]) -> Response[bytes]:
        params = request.query_params
        request_manager(params, request.headers.get("user-agent", ""), "CreateOptions")
        result, warnings = answer(
            rt,
            user_info(request.scope),
            await request.body(),
            request.headers.get("content-type", ""),
            params,
        )
        return json_response(result, 201, warnings=warnings)

    handler = post(path, name=f"{rt.plural}-create", opt=_opt(rt), status_code=201)(create)
    return [handler]
