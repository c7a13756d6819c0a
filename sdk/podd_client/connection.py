"""Where podd is and how to reach it: its unix socket (the default, guarded
by the socket's mode), or HTTPS with the server, bearer token and CA of a
kubeconfig (what ``podd kubeconfig`` writes)."""

from __future__ import annotations

import base64
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

# Streams (watch, log follow, pull) wait for data as long as they last.
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
STREAM_TIMEOUT = httpx.Timeout(60.0, connect=10.0, read=None)


def default_socket() -> Path:
    """``$XDG_RUNTIME_DIR/podd/podd.sock``, where ``podd serve`` listens."""
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return Path(runtime) / "podd" / "podd.sock"


@dataclass(frozen=True)
class Endpoint:
    """The base URL and what the HTTP clients need to reach it."""

    base_url: str
    socket: Path | None = None
    token: str | None = None
    verify: ssl.SSLContext | bool = True
    namespace: str = "default"

    def headers(self) -> dict[str, str]:
        headers = {"User-Agent": "podd-client"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def sync_client(self) -> httpx.Client:
        transport = httpx.HTTPTransport(uds=str(self.socket)) if self.socket else None
        return httpx.Client(
            base_url=self.base_url,
            headers=self.headers(),
            verify=self.verify,
            timeout=TIMEOUT,
            transport=transport,
        )

    def async_client(self) -> httpx.AsyncClient:
        transport = httpx.AsyncHTTPTransport(uds=str(self.socket)) if self.socket else None
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=self.headers(),
            verify=self.verify,
            timeout=TIMEOUT,
            transport=transport,
        )


def _named(entries: Any, name: str, what: str) -> dict[str, Any]:
    for entry in entries or []:
        if isinstance(entry, dict) and entry.get("name") == name:
            return dict(entry.get(what) or {})
    raise ValueError(f"kubeconfig: no {what} named {name!r}")


def from_kubeconfig(path: str | os.PathLike[str], context: str | None = None) -> Endpoint:
    """The server, token, CA and namespace of ``context`` (default: the
    current one) in the kubeconfig at ``path``."""
    data = yaml.safe_load(Path(path).expanduser().read_text())
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a kubeconfig")
    name = context or data.get("current-context")
    if not name:
        raise ValueError(f"{path}: no current-context and no context given")
    ctx = _named(data.get("contexts"), name, "context")
    cluster = _named(data.get("clusters"), ctx["cluster"], "cluster")
    user = _named(data.get("users"), ctx["user"], "user") if ctx.get("user") else {}
    token = user.get("token")
    if not token and user.get("tokenFile"):
        token = Path(user["tokenFile"]).read_text().strip()
    verify: ssl.SSLContext | bool = True
    if cluster.get("insecure-skip-tls-verify"):
        verify = False
    elif cluster.get("certificate-authority-data"):
        pem = base64.b64decode(cluster["certificate-authority-data"]).decode()
        verify = ssl.create_default_context(cadata=pem)
    elif cluster.get("certificate-authority"):
        verify = ssl.create_default_context(cafile=cluster["certificate-authority"])
    return Endpoint(
        base_url=str(cluster["server"]).rstrip("/"),
        token=token,
        verify=verify,
        namespace=ctx.get("namespace") or "default",
    )


def endpoint(
    socket: str | os.PathLike[str] | None = None,
    kubeconfig: str | os.PathLike[str] | None = None,
    context: str | None = None,
    namespace: str | None = None,
) -> Endpoint:
    """A kubeconfig when one is named, else the unix socket."""
    if kubeconfig is not None:
        ep = from_kubeconfig(kubeconfig, context)
    else:
        ep = Endpoint(base_url="http://podd", socket=Path(socket) if socket else default_socket())
    if namespace:
        ep = Endpoint(ep.base_url, ep.socket, ep.token, ep.verify, namespace)
    return ep
