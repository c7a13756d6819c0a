"""``GET /podd/v1/kubeconfig``: what kubectl needs to reach this podd over TLS.

It hands out the bearer token, so it answers only on the unix socket (whose
mode already says who may ask); a TCP client gets 403. Reading it from the
running podd, not from files, makes ``podd kubeconfig`` right for any data
dir, any ``--token-file`` and the port actually bound.
"""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any

import msgspec
from litestar import Request, Response, get

from podd.api.errors import APIError
from podd.api.respond import json_response
from podd.api.routes import services
from podd.config import Settings
from podd.model import status as st
from podd.tls import tls_files, trust_anchor

NAME = "podd"


class Cluster(msgspec.Struct, omit_defaults=True):
    server: str
    certificate_authority_data: str | None = msgspec.field(
        default=None, name="certificate-authority-data"
    )


class NamedCluster(msgspec.Struct):
    name: str
    cluster: Cluster


class User(msgspec.Struct):
    token: str


class NamedUser(msgspec.Struct):
    name: str
    user: User


class Context(msgspec.Struct):
    cluster: str
    user: str


class NamedContext(msgspec.Struct):
    name: str
    context: Context


class Kubeconfig(msgspec.Struct, kw_only=True, rename="camel"):
    """A kubeconfig (client-go's ``Config``) with one cluster, user and context."""

    api_version: str = "v1"
    kind: str = "Config"
    clusters: list[NamedCluster]
    users: list[NamedUser]
    contexts: list[NamedContext]
    current_context: str = msgspec.field(name="current-context")
    preferences: dict[str, Any] = msgspec.field(default_factory=dict)


def server_url(listen: str) -> str:
    """https://HOST:PORT for a bound ``--listen``; a wildcard host becomes loopback."""
    host, _, port = listen.rpartition(":")
    host = host.strip("[]")
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"


def _ca_pem(settings: Settings) -> bytes | None:
    if settings.tls_cert:
        return trust_anchor(Path(settings.tls_cert))
    return tls_files(settings.data_path).ca_cert.read_bytes()


def build_kubeconfig(settings: Settings) -> Kubeconfig:
    """The kubeconfig for a started podd (blocking: reads the CA and the token)."""
    ca = _ca_pem(settings)
    token = Path(settings.token_file).read_text().strip()
    cluster = Cluster(
        server=server_url(settings.listen),
        certificate_authority_data=base64.b64encode(ca).decode() if ca else None,
    )
    return Kubeconfig(
        clusters=[NamedCluster(NAME, cluster)],
        users=[NamedUser(NAME, User(token))],
        contexts=[NamedContext(NAME, Context(cluster=NAME, user=NAME))],
        current_context=NAME,
    )


def _over_unix_socket(request: Request[Any, Any, Any]) -> bool:
    server = request.scope.get("server")
    return server is not None and server[1] is None


@get("/podd/v1/kubeconfig")
async def kubeconfig(request: Request[Any, Any, Any]) -> Response[bytes]:
    if not _over_unix_socket(request):
        raise APIError(
            st.Status(
                status="Failure",
                code=403,
                reason="Forbidden",
                message="the kubeconfig is handed out on podd's unix socket only",
            )
        )
    settings = services(request).settings
    if not settings.listen:
        raise APIError(
            st.Status(
                status="Failure",
                code=404,
                reason="NotFound",
                message="podd serves no TLS listener: start it with "
                "`podd serve --listen 127.0.0.1:6443` (any free port)",
            )
        )
    return json_response(await asyncio.to_thread(build_kubeconfig, settings))
