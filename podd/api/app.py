"""The litestar application: every route, the error mapping, the auth guard."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler

from podd.api import authentication as authentication_api
from podd.api import authorization as authorization_api
from podd.api import configs as configs_api
from podd.api import ephemeral as ephemeral_api
from podd.api import events as events_api
from podd.api import images as images_api
from podd.api import kubeconfig as kubeconfig_api
from podd.api import logs as logs_api
from podd.api import metrics as metrics_api
from podd.api import namespaces as namespaces_api
from podd.api import nodes as nodes_api
from podd.api import pods as pods_api
from podd.api import podstats as podstats_api
from podd.api import services as services_api
from podd.api import system
from podd.api.auth import token_middleware
from podd.api.discovery import discovery_handlers
from podd.api.errors import EXCEPTION_HANDLERS
from podd.api.groupversion import APIResource
from podd.api.kubeopenapi import openapi_handlers
from podd.api.readonly import ReadOnlyType, readonly_handlers
from podd.api.resources import ResourceType
from podd.api.reviews import ReviewType, review_handlers
from podd.api.routes import resource_handlers
from podd.api.streams import HANDLERS as STREAM_HANDLERS
from podd.services import Services

# Listed as the apiserver lists them (exec, attach, portforward: a WebSocket
# upgrade of GET, or POST for SPDY clients, hence create and get).
SUBRESOURCES = {
    "pods": [
        "attach:create,get",
        "ephemeralcontainers:get,patch,update",
        "exec:create,get",
        "log:get",
        "portforward:create,get",
        "status:get",
    ]
}


def resource_types() -> list[ResourceType]:
    return [
        namespaces_api.NAMESPACES,
        pods_api.PODS,
        events_api.EVENTS,
        configs_api.CONFIGMAPS,
        configs_api.SECRETS,
        services_api.SERVICES,
        services_api.ENDPOINTS,
        services_api.ENDPOINT_SLICES,
    ]


def review_types() -> list[ReviewType]:
    """The create-only kinds answered, never stored (``reviews``)."""
    return [
        authorization_api.ACCESS_REVIEWS,
        authorization_api.RULES_REVIEWS,
        authentication_api.SELF_REVIEWS,
    ]


def readonly_types() -> list[ReadOnlyType]:
    """The get/list kinds built from what podd knows now, never stored (``readonly``)."""
    return [nodes_api.NODES, metrics_api.NODE_METRICS, metrics_api.POD_METRICS]


def api_resources() -> list[APIResource]:
    """Every kind discovery and the OpenAPI documents list, of every group."""
    return [*resource_types(), *review_types(), *readonly_types()]


def namespaced_kinds() -> dict[str, type]:
    """Kind → Struct of every namespaced resource (what a namespace holds)."""
    return {rt.kind: rt.struct for rt in resource_types() if rt.namespaced}


def schema_types() -> list[type]:
    from podd.model import status as st

    types: list[type] = []
    for rt in resource_types():
        types += [rt.struct, rt.list_struct]
    types += [review.struct for review in review_types()]
    for ro in readonly_types():
        types += [ro.struct, ro.list_struct]
    from podd.images import ImageRecord, RemoveReport
    from podd.sandbox import SandboxState

    return [
        *types,
        st.Status,
        st.DeleteOptions,
        st.WatchEvent,
        SandboxState,
        images_api.ImageList,
        images_api.PullRequest,
        ImageRecord,
        RemoveReport,
    ]


def route_handlers() -> list[HTTPRouteHandler]:
    handlers: list[HTTPRouteHandler] = [*system.HANDLERS]
    types = resource_types()
    handlers += discovery_handlers(api_resources(), SUBRESOURCES)
    handlers += openapi_handlers(api_resources(), SUBRESOURCES)
    for rt in types:
        handlers += resource_handlers(rt)
    for review in review_types():
        handlers += review_handlers(review)
    for ro in readonly_types():
        handlers += readonly_handlers(ro)
    handlers += pods_api.HANDLERS
    handlers += podstats_api.HANDLERS
    handlers += ephemeral_api.HANDLERS
    handlers += images_api.HANDLERS
    handlers += logs_api.HANDLERS
    handlers += STREAM_HANDLERS
    handlers.append(kubeconfig_api.kubeconfig)
    return handlers


def create_app(svc: Services | None, *, token: str | None = None) -> Litestar:
    max_body = svc.settings.max_body_bytes if svc is not None else 3 * 1024 * 1024
    state: dict[str, Any] = {"services": svc}
    if svc is not None:
        services_api.install(svc)  # what a Service holds is decided in its own write
    return Litestar(
        route_handlers=route_handlers(),
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        middleware=[token_middleware(token)],  # type: ignore[list-item]
        state=State(state),
        openapi_config=None,
        logging_config=None,  # podd configures logging; litestar's would disable its loggers
        request_max_body_size=max_body,
        debug=False,
    )
