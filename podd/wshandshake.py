"""uvicorn's WebSocket protocol, with a handshake that lets Go clients in.

kubectl's port-forward (1.31+) offers the subprotocol
``SPDY/3.1+portforward.k8s.io``. A "/" is not allowed in an RFC 7230 token,
so the websockets library refuses that handshake (400) before the app sees
it; Go's WebSocket libraries, and the apiserver, accept it. uvicorn reads
the offered subprotocols itself (a plain comma split, into the ASGI scope)
and answers with the one the app accepts, so the library's own parsing is
not needed: it is skipped here.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.datastructures import Headers
from websockets.server import ServerProtocol
from websockets.typing import Subprotocol

__all__ = ["WebSocketProtocol"]


class _LenientServerProtocol(ServerProtocol):
    def process_subprotocol(self, headers: Headers) -> Subprotocol | None:
        return None  # uvicorn adds the one the app accepted


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn.__class__ = _LenientServerProtocol
