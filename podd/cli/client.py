"""A small HTTP client for the podd API over its unix socket (or TCP + token)."""

from __future__ import annotations

import os
import ssl
from pathlib import Path

import httpx

from podd.config import default_runtime_dir


def default_socket() -> Path:
    return Path(os.environ.get("PODD_SOCKET") or default_runtime_dir() / "podd.sock")


def connect(
    socket: str | None = None,
    server: str | None = None,
    token: str | None = None,
    timeout: float = 30.0,
    tls: ssl.SSLContext | None = None,
) -> httpx.Client:
    """A client for ``--server URL`` (TCP, with a bearer token; ``tls``: whom
    an https:// server must be signed by) or the unix socket."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if server:
        return httpx.Client(base_url=server, headers=headers, timeout=timeout, verify=tls or True)
    path = socket or str(default_socket())
    return httpx.Client(
        transport=httpx.HTTPTransport(uds=path),
        base_url="http://podd",
        headers=headers,
        timeout=timeout,
    )
