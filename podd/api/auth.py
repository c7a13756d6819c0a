"""Bearer-token check for TCP listeners; the unix socket is guarded by its mode."""

from __future__ import annotations

import hmac
from typing import Any

from litestar.types import ASGIApp, Receive, Scope, Send

from podd.model import status as st
from podd.model.base import encode

_PUBLIC = {"/healthz", "/livez", "/readyz"}


def token_middleware(token: str | None) -> object:
    """ASGI middleware factory: requests over TCP need ``Authorization: Bearer``."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            guarded = scope["type"] == "http" and _over_tcp(scope)
            if guarded and scope["path"] not in _PUBLIC and not _authorized(scope, token):
                await _reject(send)
                return
            await app(scope, receive, send)

        return middleware

    return factory


def _over_tcp(scope: Scope) -> bool:
    server = scope.get("server")
    # uvicorn reports (path, None) for a unix socket and (host, port) for TCP.
    return bool(server and server[1] is not None)


def _authorized(scope: Scope, token: str | None) -> bool:
    if token is None:
        return False
    for key, value in scope.get("headers", ()):
        if key == b"authorization":
            scheme, _, given = value.decode("latin-1").partition(" ")
            return scheme.lower() == "bearer" and hmac.compare_digest(
                given.strip().encode(), token.encode()
            )
    return False


async def _reject(send: Send) -> None:
    body = encode(st.unauthorized())
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", b'Bearer realm="podd"'),
    ]
    start: Any = {"type": "http.response.start", "status": 401, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body, "more_body": False})
