"""exec, attach and port-forward over WebSocket: the Kubernetes channel
protocols (``channel.py``), their options, the session relay, SPDY/3.1 for
kubectl's port-forward (``spdy.py``, ``spdysession.py``) and the handlers."""

from typing import Any

from podd.api.streams import handlers, portforward

HANDLERS: list[Any] = [
    *handlers.HANDLERS,
    *portforward.HANDLERS,
]  # HTTP and WebSocket route handlers

__all__ = ["HANDLERS"]
