"""``/openapi/v2``, ``/openapi/v3`` and one ``/openapi/v3/<group-version>``
per served group-version (``api/v1``, ``apis/authorization.k8s.io/v1``),
served as the apiserver (kube-openapi's handlers) serves them.

The documents are built on first use and kept: podd's types do not change
while it runs. Each answer carries an ETag (SHA-512 of the JSON, upper-case
hex) and ``Vary: Accept``; ``If-None-Match`` gets a 304. The v3 discovery
document points at ``/openapi/v3/api/v1?hash=<etag>`` (and each group's): with the current hash
that answer is cacheable for a year (``Cache-Control: public, immutable``),
with an old one it is a 301 to the current URL. The media type follows the
Accept header (quality order): v2 as JSON or gnostic protobuf, v3 as JSON;
anything else is a 406.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath

from podd.api.errors import APIError
from podd.api.groupversion import APIResource, v3_key
from podd.api.kubeopenapi.documents import swagger, v3_document
from podd.api.kubeopenapi.protobuf import encode_document
from podd.model import status as st
from podd.model.base import encode

__all__ = ["Documents", "openapi_handlers"]

JSON = "application/json"
PROTO_V2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
# (type, subtype) a client may ask for -> the answer's Content-Type.
V2_TYPES = {
    ("application", "json"): JSON,
    ("application", "com.github.proto-openapi.spec.v2@v1.0+protobuf"): PROTO_V2,
    ("application", "com.github.proto-openapi.spec.v2.v1.0+protobuf"): PROTO_V2,
}
V3_TYPES = {("application", "json"): JSON}
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Served:
    body: bytes
    etag: str  # unquoted
    last_modified: str  # RFC 1123


def _served(body: bytes, etag: str | None = None) -> Served:
    tag = etag or hashlib.sha512(body).hexdigest().upper()
    return Served(body, tag, formatdate(usegmt=True))


class Documents:
    """podd's OpenAPI documents, each built once, when first asked for."""

    def __init__(self, types: Sequence[APIResource], subresources: dict[str, list[str]]) -> None:
        self.types = types
        self.subresources = subresources

    @functools.cached_property
    def swagger(self) -> dict[str, Any]:
        return swagger(self.types, self.subresources)

    @functools.cached_property
    def v2_json(self) -> Served:
        return _served(encode(self.swagger))

    @functools.cached_property
    def v2_proto(self) -> Served:
        # One ETag for both encodings, as kube-openapi (they Vary on Accept).
        return _served(encode_document(self.swagger), self.v2_json.etag)

    @functools.cached_property
    def groups(self) -> dict[str, Served]:
        versions = dict.fromkeys(rt.api_version for rt in self.types)
        return {
            v3_key(av): _served(encode(v3_document(self.types, self.subresources, av)))
            for av in versions
        }

    @functools.cached_property
    def discovery(self) -> Served:
        paths = {gv: {"serverRelativeURL": group_url(gv, s.etag)} for gv, s in self.groups.items()}
        return _served(encode({"paths": paths}))


def group_url(group_version: str, etag: str) -> str:
    return f"/openapi/v3/{group_version}?hash={quote(etag)}"


def parse_accept(header: str | None) -> list[tuple[str, str]]:
    """(type, subtype) of each acceptable media range, best first: by quality,
    then exact before wildcard, then as written (goautoneg's order)."""
    ranked: list[tuple[float, int, int, tuple[str, str]]] = []
    for i, clause in enumerate((header or "*/*").split(",")):
        media, *params = (part.strip() for part in clause.split(";"))
        kind, _, sub = media.lower().partition("/")
        if not kind:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            wild = (kind == "*") + (sub == "*" or not sub)
            ranked.append((-q, wild, i, (kind, sub or "*")))
    return [media for *_, media in sorted(ranked)]


def negotiate(header: str | None, offered: dict[tuple[str, str], str]) -> tuple[str, str] | None:
    """The first offered (type, subtype) the Accept header takes, or None."""
    for kind, sub in parse_accept(header):
        for media in offered:
            if kind in ("*", media[0]) and sub in ("*", media[1]):
                return media
    return None


def not_acceptable(offered: dict[tuple[str, str], str]) -> APIError:
    kinds = ", ".join(dict.fromkeys(f"{t}/{s}" for t, s in offered))
    message = f"only the following media types are accepted: {kinds}"
    return APIError(st.Status(status="Failure", message=message, reason="NotAcceptable", code=406))


def respond(
    request: Request[Any, Any, Any], served: Served, content_type: str, **headers: str
) -> Response[bytes]:
    quoted = f'"{served.etag}"'
    base = {"ETag": quoted, "Vary": "Accept", "Last-Modified": served.last_modified, **headers}
    asked = request.headers.get("if-none-match")
    if asked is not None and (
        asked.strip() == "*" or quoted in [t.strip() for t in asked.split(",")]
    ):
        return Response(b"", status_code=304, headers=base)
    return Response(served.body, media_type=content_type, headers=base)


def openapi_handlers(
    types: Sequence[APIResource], subresources: dict[str, list[str]]
) -> list[HTTPRouteHandler]:
    """The handlers, for the kinds podd serves (``types``) and their subresources."""
    docs = Documents(types, subresources)

    @get("/openapi/v2", name="kube-openapi-v2")
    async def openapi_v2(request: Request[Any, Any, Any]) -> Response[bytes]:
        media = negotiate(request.headers.get("accept"), V2_TYPES)
        if media is None:
            raise not_acceptable(V2_TYPES)
        content_type = V2_TYPES[media]
        served = docs.v2_proto if content_type == PROTO_V2 else docs.v2_json
        return respond(request, served, content_type)

    @get("/openapi/v3", name="kube-openapi-v3")
    async def openapi_v3(request: Request[Any, Any, Any]) -> Response[bytes]:
        return respond(request, docs.discovery, JSON)

    @get("/openapi/v3/{group_version:path}", name="kube-openapi-v3-group")
    async def openapi_v3_group(
        request: Request[Any, Any, Any], group_version: FromPath[str]
    ) -> Response[bytes]:
        gv = group_version.strip("/")
        served = docs.groups.get(gv)
        if served is None:
            raise APIError(st.not_found("openapi", gv))
        if negotiate(request.headers.get("accept"), V3_TYPES) is None:
            raise not_acceptable(V3_TYPES)
        wanted = request.query_params.get("hash")
        if wanted and wanted != served.etag:
            url = group_url(gv, served.etag)
            return Response(b"", status_code=301, headers={"Location": url, "Vary": "Accept"})
        extra: dict[str, str] = {}
        if wanted:
            extra["Cache-Control"] = "public, immutable"
            extra["Expires"] = formatdate(time.time() + YEAR, usegmt=True)
        return respond(request, served, JSON, **extra)

    return [openapi_v2, openapi_v3, openapi_v3_group]
