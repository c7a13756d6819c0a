"""API discovery (``/api``, ``/api/v1``, ``/apis``) so kubectl and client
libraries find the resources podd serves."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler

from podd.api.resources import ResourceType
from podd.api.respond import json_response


def api_resource_list(types: list[ResourceType], subresources: dict[str, list[str]]) -> bytes:
    from podd.model.base import encode

    resources: list[dict[str, Any]] = []
    for rt in types:
        entry: dict[str, Any] = {
            "name": rt.plural,
            "singularName": rt.singular,
            "namespaced": rt.namespaced,
            "kind": rt.kind,
            "verbs": list(rt.verbs),
        }
        if rt.short_names:
            entry["shortNames"] = list(rt.short_names)
        resources.append(entry)
        for sub in subresources.get(rt.plural, []):
            name, _, verbs = sub.partition(":")
            resources.append(
                {
                    "name": f"{rt.plural}/{name}",
                    "singularName": "",
                    "namespaced": rt.namespaced,
                    "kind": "Pod" if name in ("status",) else "Status",
                    "verbs": verbs.split(",") if verbs else [],
                }
            )
    return encode(
        {
            "kind": "APIResourceList",
            "apiVersion": "v1",
            "groupVersion": "v1",
            "resources": resources,
        }
    )


def discovery_handlers(
    types: list[ResourceType], subresources: dict[str, list[str]]
) -> list[HTTPRouteHandler]:
    body = api_resource_list(types, subresources)

    @get("/api", opt={"openapi": {"verb": "discovery"}})
    async def api_versions(request: Request[Any, Any, Any]) -> Response[bytes]:
        host = request.headers.get("host", "localhost")
        return json_response(
            {
                "kind": "APIVersions",
                "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": host}],
            }
        )

    @get("/api/v1", opt={"openapi": {"verb": "discovery"}})
    async def api_v1() -> Response[bytes]:
        return json_response(body)

    @get("/apis", opt={"openapi": {"verb": "discovery"}})
    async def apis() -> Response[bytes]:
        return json_response({"kind": "APIGroupList", "apiVersion": "v1", "groups": []})

    return [api_versions, api_v1, apis]
