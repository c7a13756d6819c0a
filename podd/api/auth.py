"""Authentication on TCP: a bearer token or a verified client certificate.

The unix socket is guarded by its mode (0600) and needs neither. On TLS, the
handshake already refused a client certificate that its CA did not sign; the
server puts the subject of one it accepted in the connection's ASGI state
(``podd.tls.CLIENT_CERT``), and that alone authenticates the request.
"""

from __future__ import annotations

import hmac
from typing import Any

from litestar.types import ASGIApp, Receive, Scope, Send

from podd.model import status as st
from podd.model.base import encode
from podd.tls import CLIENT_CERT

_PUBLIC = {"/healthz", "/livez", "/readyz"}


def token_middleware(token: str | None) -> object:
    """ASGI middleware factory: requests over TCP need ``Authorization: Bearer``
    or a client certificate."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            guarded = scope["type"] in ("http", "websocket") and _over_tcp(scope)
            if guarded and scope["path"] not in _PUBLIC and not _authorized(scope, token):
                await _reject(scope, send)
                return
            await app(scope, receive, send)

        return middleware

    return factory


def _over_tcp(scope: Scope) -> bool:
    server = scope.get("server")
    # uvicorn reports (path, None) for a unix socket and (host, port) for TCP.
    return bool(server and server[1] is not None)


def client_cert(scope: Scope) -> str | None:
    """The subject of the verified client certificate of this connection, if any."""
    state = scope.get("state") or {}
    subject = state.get(CLIENT_CERT)
    return subject if isinstance(subject, str) else None


def _authorized(scope: Scope, token: str | None) -> bool:
    if client_cert(scope) is not None:
        return True
    if token is None:
        return False
    for key, value in scope.get("headers", ()):
        if key == b"authorization":
            scheme, _, given = value.decode("latin-1").partition(" ")
            return scheme.lower() == "bearer" and hmac.compare_digest(
                given.strip().encode(), token.encode()
            )
    return False


async def _reject(scope: Scope, send: Send) -> None:
    body = encode(st.unauthorized())
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", b'Bearer realm="podd"'),
    ]
    start: Any = {"type": "http.response.start", "status": 401, "headers": headers}
    chunk: Any = {"type": "http.response.body", "body": body, "more_body": False}
    if scope["type"] == "websocket":
        if "websocket.http.response" not in (scope.get("extensions") or {}):
            # No denial response: closing before the accept is a 403 handshake.
            close: Any = {"type": "websocket.close", "code": 1008}
            await send(close)
            return
        start["type"], chunk["type"] = (
            "websocket.http.response.start",
            "websocket.http.response.body",
        )
    await send(start)
    await send(chunk)
