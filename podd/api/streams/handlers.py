"""``/api/v1/namespaces/{ns}/pods/{name}/exec`` and ``/attach``.

A WebSocket upgrade gets the session (:mod:`podd.api.streams.session`). A
refusal before it (no such pod, container, bad options, no subprotocol podd
speaks) is an HTTP answer with a Status, as the apiserver gives: kubectl
then retries over SPDY with a POST, which gets the same Status, or — when
the request was fine — a 400 saying that podd speaks WebSocket only (kubectl
≤ 1.29 exec, port of SPDY/3.1 is not served).
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response, WebSocket, route, websocket
from litestar.connection import ASGIConnection

from podd.api import openapi_params as qp
from podd.api.errors import APIError, status_for
from podd.api.respond import json_response
from podd.api.streams import channel as ch
from podd.api.streams.backends import AttachBackend, Backend, ExecBackend
from podd.api.streams.options import StreamOptions, StreamOptionsError, parse_stream_options
from podd.api.streams.session import run_session
from podd.api.streams.target import Target, find_target
from podd.model import status as st
from podd.model.base import encode
from podd.services import Services

__all__ = ["HANDLERS", "deny_with", "services_of"]

log = logging.getLogger("podd.api.streams")

EXEC = "/api/v1/namespaces/{namespace:str}/pods/{name:str}/exec"
ATTACH = "/api/v1/namespaces/{namespace:str}/pods/{name:str}/attach"
WEBSOCKET_ONLY = (
    "podd serves exec, attach and cp over WebSocket only (subprotocols "
    + ", ".join(ch.PROTOCOLS)
    + "); SPDY is not supported: use kubectl 1.30 or newer, or another WebSocket client"
)


def services_of(conn: ASGIConnection[Any, Any, Any, Any]) -> Services:
    svc: Services = conn.app.state["services"]
    return svc


async def _prepare(
    svc: Services, params: Any, namespace: str, name: str, verb: str
) -> tuple[Target, StreamOptions]:
    try:
        opts = parse_stream_options(params, exec_=verb == "exec")
    except StreamOptionsError as exc:
        raise APIError(st.bad_request(str(exc))) from None
    return await find_target(svc, namespace, name, opts, verb=verb), opts


async def _deny(socket: WebSocket, status: st.Status) -> None:
    """An HTTP answer instead of the upgrade (uvicorn's denial response)."""
    if "websocket.http.response" not in (socket.scope.get("extensions") or {}):
        await socket.close(code=1008)  # no denial responses: a 403 handshake
        return
    body = encode(status)
    await socket.send(
        {
            "type": "websocket.http.response.start",
            "status": status.code or 500,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await socket.send({"type": "websocket.http.response.body", "body": body, "more_body": False})


async def deny_with(socket: WebSocket, exc: Exception) -> None:
    """Refuse the upgrade with the Status of ``exc`` (500 if it has none)."""
    try:
        status = status_for(exc)
    except TypeError:
        log.error("stream refused", exc_info=exc)
        status = st.internal_error("an internal error occurred")
    await _deny(socket, status)


async def _serve(socket: WebSocket, namespace: str, name: str, verb: str) -> None:
    try:
        proto = ch.negotiate(socket.scope.get("subprotocols") or [])
        if proto is None:
            raise APIError(
                st.bad_request(
                    "requested protocol(s) are not supported: "
                    f"{socket.scope.get('subprotocols')}; supports {list(ch.PROTOCOLS)}"
                )
            )
        target, opts = await _prepare(
            services_of(socket), socket.query_params, namespace, name, verb
        )
    except Exception as exc:
        await deny_with(socket, exc)
        return
    backend = ExecBackend if verb == "exec" else AttachBackend

    async def start(size: ch.TerminalSize | None) -> Backend:
        return await backend.start(target, opts, size)

    await run_session(socket, proto, opts, start)


@websocket(EXEC, name="pods-exec-stream")
async def exec_stream(socket: WebSocket, namespace: str, name: str) -> None:
    await _serve(socket, namespace, name, "exec")


@websocket(ATTACH, name="pods-attach-stream")
async def attach_stream(socket: WebSocket, namespace: str, name: str) -> None:
    await _serve(socket, namespace, name, "attach")


async def _no_upgrade(
    request: Request[Any, Any, Any], namespace: str, name: str, verb: str
) -> Response[bytes]:
    await _prepare(services_of(request), request.query_params, namespace, name, verb)
    return json_response(st.bad_request(WEBSOCKET_ONLY), status_code=400)


@route(
    EXEC,
    http_method=["GET", "POST"],
    name="pods-exec-http",
    opt={"openapi": qp.EXEC_OP},
)
async def exec_http(request: Request[Any, Any, Any], namespace: str, name: str) -> Response[bytes]:
    return await _no_upgrade(request, namespace, name, "exec")


@route(
    ATTACH,
    http_method=["GET", "POST"],
    name="pods-attach-http",
    opt={"openapi": qp.ATTACH_OP},
)
async def attach_http(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    return await _no_upgrade(request, namespace, name, "attach")


HANDLERS = [exec_stream, attach_stream, exec_http, attach_http]
