"""Litestar route handlers for a ResourceType, generated from one template.

Handlers only parse the request, call an operation in ``resources`` and
respond. Each carries ``opt["openapi"]`` from which ``openapi.py`` writes the
contract.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response, delete, get, patch, post, put, route
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream
from litestar.status_codes import HTTP_204_NO_CONTENT

from podd.api import apply as ssa
from podd.api import resources as res
from podd.api import tables
from podd.api.groupversion import CORE, path_prefix
from podd.api.query import parse_list_options
from podd.api.respond import json_response
from podd.api.watch import watch_stream
from podd.services import Services


def services(request: Request[Any, Any, Any]) -> Services:
    svc: Services = request.app.state["services"]
    return svc


def content_type(request: Request[Any, Any, Any]) -> str:
    return request.headers.get("content-type", "")


def user_agent(request: Request[Any, Any, Any]) -> str:
    """Names the field manager of a write that gives no ``fieldManager``."""
    return request.headers.get("user-agent", "")


async def list_or_watch(
    request: Request[Any, Any, Any], rt: res.ResourceType, ns: str | None
) -> Response[Any]:
    svc = services(request)
    opts = parse_list_options(request.query_params, rt.field_labels)
    if ns is not None and rt.namespaced and opts.watch:
        await res.require_namespace(svc, ns)
    if opts.watch:
        events = watch_stream(svc, rt, ns, opts)
        if (table := table_request(request)) is not None:
            events = tables.watch_tables(rt.kind, events, table)
        return Stream(events, media_type="application/json")
    body = await res.list_objects(svc, rt, ns, opts)
    if (table := table_request(request)) is not None:
        body = tables.list_table(rt.kind, body, table)
    return json_response(body)


def table_request(request: Request[Any, Any, Any]) -> tables.TableRequest | None:
    """The Table kubectl's ``get`` asks for in Accept, if any (else plain JSON)."""
    accept = request.headers.get("accept", "")
    return tables.negotiate(accept, request.query_params.get("includeObject"))


def _op(rt: res.ResourceType, verb: str, **extra: Any) -> dict[str, Any]:
    if verb == "list":
        extra["fields"] = sorted(rt.field_labels)  # the fieldSelector grammar
    if rt.api_version != CORE:
        extra["api_version"] = rt.api_version
    return {"openapi": {"kind": rt.kind, "verb": verb, **extra}}


Impl = Callable[[Request[Any, Any, Any], str, str], Awaitable[Response[Any]]]


def bind(impl: Impl, namespaced: bool, with_name: bool) -> Callable[..., Awaitable[Response[Any]]]:
    """A handler whose signature declares exactly the path parameters of its
    route (litestar reads them from the signature)."""
    if namespaced and with_name:

        async def h1(request: Request[Any, Any, Any], namespace: str, name: str) -> Response[Any]:
            return await impl(request, namespace, name)

        return h1
    if namespaced:

        async def h2(request: Request[Any, Any, Any], namespace: str) -> Response[Any]:
            return await impl(request, namespace, "")

        return h2
    if with_name:

        async def h3(request: Request[Any, Any, Any], name: str) -> Response[Any]:
            return await impl(request, "", name)

        return h3

    async def h4(request: Request[Any, Any, Any]) -> Response[Any]:
        return await impl(request, "", "")

    return h4


def with_options(handlers: list[HTTPRouteHandler]) -> list[HTTPRouteHandler]:
    """``handlers`` with one OPTIONS handler first for each path they share.

    litestar makes an OPTIONS handler for a path's first handler and keeps it
    when more are added at that path, so its ``Allow`` would name only the
    first one's methods.
    """
    methods: dict[str, set[str]] = {}
    for handler in handlers:
        for path in handler.paths:
            methods.setdefault(path, set()).update(handler.http_methods)
    options = [_options(path, sorted(m | {"OPTIONS"})) for path, m in methods.items()]
    return [*options, *handlers]


def _options(path: str, methods: list[str]) -> HTTPRouteHandler:
    allow = ", ".join(methods)

    async def options() -> Response[None]:
        return Response(None, status_code=HTTP_204_NO_CONTENT, headers={"Allow": allow})

    return route(path, http_method="OPTIONS", name=f"options:{path}")(options)


def resource_handlers(rt: res.ResourceType, prefix: str = "") -> list[HTTPRouteHandler]:
    """GET/POST on the collection, GET/PUT/PATCH/DELETE on an item, and the
    all-namespaces list for namespaced kinds, under the kind's group-version."""
    prefix = prefix or path_prefix(rt.api_version)
    if rt.namespaced:
        coll = f"{prefix}/namespaces/{{namespace:str}}/{rt.plural}"
    else:
        coll = f"{prefix}/{rt.plural}"
    item = coll + "/{name:str}"
    nsd = rt.namespaced

    async def list_impl(request: Request[Any, Any, Any], ns: str, _: str) -> Response[Any]:
        return await list_or_watch(request, rt, ns if nsd else None)

    async def create_impl(request: Request[Any, Any, Any], ns: str, _: str) -> Response[Any]:
        data, warnings = await res.create_object(
            services(request),
            rt,
            ns,
            await request.body(),
            content_type(request),
            request.query_params,
            user_agent(request),
        )
        return json_response(data, 201, warnings=warnings)

    async def get_impl(request: Request[Any, Any, Any], ns: str, name: str) -> Response[Any]:
        obj = await res.get_object(services(request), rt, ns, name)
        if (table := table_request(request)) is not None:
            return json_response(tables.object_table(rt.kind, obj.data, table))
        return json_response(obj.data)

    async def put_impl(request: Request[Any, Any, Any], ns: str, name: str) -> Response[Any]:
        data, warnings = await res.update_object(
            services(request),
            rt,
            ns,
            name,
            await request.body(),
            content_type(request),
            request.query_params,
            user_agent(request),
        )
        return json_response(data, warnings=warnings)

    async def patch_impl(request: Request[Any, Any, Any], ns: str, name: str) -> Response[Any]:
        svc, body, params = services(request), await request.body(), request.query_params
        if ssa.is_apply(content_type(request)):  # server-side apply; may create (201)
            data, warnings, created = await ssa.apply_object(svc, rt, ns, name, body, params)
            return json_response(data, 201 if created else 200, warnings=warnings)
        data, warnings = await res.patch_object(
            svc, rt, ns, name, body, content_type(request), params, user_agent(request)
        )
        return json_response(data, warnings=warnings)

    async def delete_impl(request: Request[Any, Any, Any], ns: str, name: str) -> Response[Any]:
        opts = res.parse_delete_options(await request.body(), request.query_params)
        return json_response(await res.delete_object(services(request), rt, ns, name, opts))

    async def list_all_impl(request: Request[Any, Any, Any], _: str, __: str) -> Response[Any]:
        return await list_or_watch(request, rt, None)

    p = rt.plural
    handlers: list[HTTPRouteHandler] = [
        get(coll, name=f"{p}-list", opt=_op(rt, "list"))(bind(list_impl, nsd, False)),
        post(coll, name=f"{p}-create", opt=_op(rt, "create"), status_code=201)(
            bind(create_impl, nsd, False)
        ),
        get(item, name=f"{p}-get", opt=_op(rt, "get"))(bind(get_impl, nsd, True)),
        put(item, name=f"{p}-replace", opt=_op(rt, "replace"))(bind(put_impl, nsd, True)),
        patch(item, name=f"{p}-patch", opt=_op(rt, "patch"))(bind(patch_impl, nsd, True)),
        delete(item, name=f"{p}-delete", opt=_op(rt, "delete"), status_code=200)(
            bind(delete_impl, nsd, True)
        ),
    ]
    if nsd:
        handlers.append(
            get(f"{prefix}/{p}", name=f"{p}-list-all", opt=_op(rt, "list", all_namespaces=True))(
                bind(list_all_impl, False, False)
            )
        )
    return with_options(handlers)
