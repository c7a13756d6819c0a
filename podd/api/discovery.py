"""API discovery so kubectl and client libraries find the resources podd serves.

``/api`` (APIVersions) and ``/api/v1`` for the core group; ``/apis``
(APIGroupList), ``/apis/<group>`` (APIGroup) and ``/apis/<group>/<version>``
(APIResourceList) for every named group a served kind belongs to
(``groupversion``). Always the unaggregated form, whatever the Accept header
asks for (kubectl >= 1.26 asks for ``as=APIGroupDiscoveryList`` first):
client-go reads the answer by its Content-Type, and ``application/json``
tells it to fall back to one request per group-version, as against an
apiserver before 1.26.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler

from podd.api.groupversion import CORE, APIResource, path_prefix, split, subresources_of
from podd.api.respond import json_response
from podd.model.base import encode

__all__ = ["api_group", "api_group_list", "api_resource_list", "discovery_handlers", "grouped"]

_OPT = {"openapi": {"verb": "discovery"}}


def grouped(types: Sequence[APIResource]) -> dict[str, list[APIResource]]:
    """The kinds of each group-version (``authorization.k8s.io/v1``), in the
    order they were registered."""
    out: dict[str, list[APIResource]] = {}
    for rt in types:
        out.setdefault(rt.api_version, []).append(rt)
    return out


# What a subresource's requests carry, as the apiserver names it (status,
# log and ephemeralcontainers are the object's own kind).
_SUBRESOURCE_KINDS = {
    "exec": "PodExecOptions",
    "attach": "PodAttachOptions",
    "portforward": "PodPortForwardOptions",
}


def api_resource_list(
    api_version: str, types: Sequence[APIResource], subresources: dict[str, list[str]]
) -> bytes:
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
        if rt.categories:
            entry["categories"] = list(rt.categories)
        resources.append(entry)
        for sub in subresources_of(subresources, rt):
            name, _, verbs = sub.partition(":")
            resources.append(
                {
                    "name": f"{rt.plural}/{name}",
                    "singularName": "",
                    "namespaced": rt.namespaced,
                    "kind": _SUBRESOURCE_KINDS.get(name, rt.kind),
                    "verbs": verbs.split(",") if verbs else [],
                }
            )
    return encode(
        {
            "kind": "APIResourceList",
            "apiVersion": "v1",
            "groupVersion": api_version,
            "resources": resources,
        }
    )


def _version(api_version: str) -> dict[str, str]:
    return {"groupVersion": api_version, "version": split(api_version)[1]}


def _group(name: str, versions: list[str]) -> dict[str, Any]:
    # podd serves one version of each group: the first registered is preferred.
    return {
        "name": name,
        "versions": [_version(v) for v in versions],
        "preferredVersion": _version(versions[0]),
    }


def _named_groups(api_versions: Sequence[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for av in api_versions:
        group = split(av)[0]
        if group:
            groups.setdefault(group, []).append(av)
    return groups


def api_group_list(api_versions: Sequence[str]) -> bytes:
    groups = [_group(g, vs) for g, vs in _named_groups(api_versions).items()]
    return encode({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})


def api_group(name: str, versions: list[str]) -> bytes:
    return encode({"kind": "APIGroup", "apiVersion": "v1", **_group(name, versions)})


def _static(path: str, name: str, body: bytes) -> HTTPRouteHandler:
    async def serve() -> Response[bytes]:
        return json_response(body)

    return get(path, name=name, opt=_OPT)(serve)


def discovery_handlers(
    types: Sequence[APIResource], subresources: dict[str, list[str]]
) -> list[HTTPRouteHandler]:
    by_version = grouped(types)

    @get("/api", opt=_OPT)
    async def api_versions(request: Request[Any, Any, Any]) -> Response[bytes]:
        host = request.headers.get("host", "localhost")
        return json_response(
            {
                "kind": "APIVersions",
                "versions": [CORE],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": host}],
            }
        )

    handlers: list[HTTPRouteHandler] = [
        api_versions,
        _static("/apis", "apis", api_group_list(list(by_version))),
    ]
    for group, versions in _named_groups(list(by_version)).items():
        handlers.append(_static(f"/apis/{group}", f"apis-{group}", api_group(group, versions)))
    for av, kinds in by_version.items():
        name = "api_v1" if av == CORE else f"apis-{av}"
        body = api_resource_list(av, kinds, subresources)
        handlers.append(_static(path_prefix(av), name, body))
    return handlers
