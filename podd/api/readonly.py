"""Read-only kinds that are never stored: each answer is built from what podd
knows now (its node, the pods' usage), as the kubelet reports a Node and
metrics-server serves PodMetrics.

A ``ReadOnlyType`` is served with ``get`` and ``list`` (label and field
selectors, a Table for ``kubectl get``) under its group-version, and listed
by discovery and the OpenAPI documents like a stored kind with those verbs.
Its ``items`` hook returns the objects of a namespace (``None``: every
namespace, and always for a cluster-scoped kind) as Structs; a watch is
refused (405), as metrics-server refuses one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler

from podd.api import openapi_params as qp
from podd.api import tables
from podd.api.errors import APIError
from podd.api.groupversion import group_of, path_prefix
from podd.api.query import ListOptions, parse_list_options
from podd.api.respond import json_response
from podd.api.routes import bind, services, table_request
from podd.model import status as st
from podd.model.base import encode
from podd.model.fieldselector import FieldRequirement, FieldSelector
from podd.model.meta import ListMeta
from podd.services import Services

__all__ = ["Items", "ReadOnlyType", "meta_fields", "readonly_handlers"]

# (services, namespace or None for all, the list's options) → the objects
Items = Callable[[Services, str | None, ListOptions], Awaitable[list[Any]]]
META_FIELDS = frozenset({"metadata.name", "metadata.namespace"})


def meta_fields(obj: Any) -> dict[str, str]:
    """The fields a read-only kind is selected by (the apiserver's object meta set)."""
    return {
        "metadata.name": obj.metadata.name or "",
        "metadata.namespace": obj.metadata.namespace or "",
    }


@dataclass(frozen=True)
class ReadOnlyType:
    kind: str  # "PodMetrics"
    plural: str
    singular: str
    api_version: str
    struct: type
    list_struct: type
    items: Items
    namespaced: bool = False
    verbs: tuple[str, ...] = ("get", "list")
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    # The resource named by a 404 (metrics-server's "podmetrics.metrics.k8s.io").
    resource: str = ""
    # Before that 404: raises the one for what the object is about, where that
    # is missing (metrics-server answers a missing pod's metrics with the pod's).
    about: Callable[[Services, str, str], Awaitable[None]] | None = None


def selected(rt: ReadOnlyType, objs: list[Any], opts: ListOptions) -> list[Any]:
    label, fields = opts.label_selector, opts.field_selector
    return [
        o
        for o in objs
        if (label is None or label.matches(o.metadata.labels))
        and (fields is None or fields.matches(meta_fields(o)))
    ]


async def list_body(rt: ReadOnlyType, svc: Services, ns: str | None, opts: ListOptions) -> bytes:
    items = selected(rt, await rt.items(svc, ns, opts), opts)
    return encode(rt.list_struct(metadata=ListMeta(), items=items))


async def get_object(rt: ReadOnlyType, svc: Services, ns: str, name: str) -> Any:
    """The named object, or the 404 its resource gives (``namespace/name``
    for a namespaced kind, as metrics-server names a missing pod's metrics)."""
    # Only the named object is built (a pod's metrics sample its containers).
    by_name = FieldSelector((FieldRequirement("metadata.name", "=", name),))
    opts = ListOptions(field_selector=by_name)
    for obj in await rt.items(svc, ns if rt.namespaced else None, opts):
        if obj.metadata.name == name:
            return obj
    if rt.about is not None:
        await rt.about(svc, ns, name)
    shown = f"{ns}/{name}" if rt.namespaced else name
    raise APIError(st.not_found(rt.resource or rt.plural, shown, group=group_of(rt.api_version)))


def _opt(rt: ReadOnlyType, verb: str, all_namespaces: bool = False) -> dict[str, Any]:
    op: dict[str, Any] = {"verb": verb, "tag": rt.kind, "errors": (404,)}
    if verb == "list":
        op["params"] = qp.list_params(sorted(META_FIELDS))[:2]  # label and field selectors
        op["response"] = rt.list_struct
        op["errors"] = (400, 404)
    else:
        op["response"] = rt.struct
    return {"openapi": op}


def readonly_handlers(rt: ReadOnlyType) -> list[HTTPRouteHandler]:
    prefix = path_prefix(rt.api_version)
    if rt.namespaced:
        coll = f"{prefix}/namespaces/{{namespace:str}}/{rt.plural}"
    else:
        coll = f"{prefix}/{rt.plural}"
    item = coll + "/{name:str}"

    async def list_impl(request: Request[Any, Any, Any], ns: str, _: str) -> Response[Any]:
        opts = parse_list_options(request.query_params, META_FIELDS)
        if opts.watch:
            raise APIError(st.method_not_allowed(rt.plural, "watch"))
        body = await list_body(rt, services(request), ns if rt.namespaced and ns else None, opts)
        if (table := table_request(request)) is not None:
            body = tables.list_table(rt.kind, body, table)
        return json_response(body)

    async def get_impl(request: Request[Any, Any, Any], ns: str, name: str) -> Response[Any]:
        obj = await get_object(rt, services(request), ns, name)
        if (table := table_request(request)) is not None:
            return json_response(tables.object_table(rt.kind, encode(obj), table))
        return json_response(obj)

    group = group_of(rt.api_version)
    p, nsd = f"{group.split('.')[0]}-{rt.plural}" if group else rt.plural, rt.namespaced
    handlers = [
        get(coll, name=f"{p}-list", opt=_opt(rt, "list"))(bind(list_impl, nsd, False)),
        get(item, name=f"{p}-get", opt=_opt(rt, "get"))(bind(get_impl, nsd, True)),
    ]
    if nsd:
        handlers.append(
            get(f"{prefix}/{rt.plural}", name=f"{p}-list-all", opt=_opt(rt, "list"))(
                bind(list_impl, False, False)
            )
        )
    return handlers
