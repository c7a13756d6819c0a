"""podd's Python SDK: ``Podd`` / ``AsyncPodd`` over the generated client
(``podd_client.models``: a typed model for every schema of podd's contract;
``podd_client.api``: sync and async calls for every operation)."""

from . import errors
from ._common import PullEvent, WatchEvent
from ._generated import api, models
from ._generated.client import AuthenticatedClient, Client
from .aio import AsyncPodd
from .client import Podd
from .connection import default_socket

__all__ = [
    "AsyncPodd",
    "AuthenticatedClient",
    "Client",
    "Podd",
    "PullEvent",
    "WatchEvent",
    "api",
    "default_socket",
    "errors",
    "models",
]
