"""exec and attach over WebSocket: the Kubernetes channel protocols
(``channel.py``), their options, the session relay and the handlers."""

from typing import Any

from podd.api.streams import handlers

HANDLERS: list[Any] = list(handlers.HANDLERS)  # HTTP and WebSocket route handlers

__all__ = ["HANDLERS"]
