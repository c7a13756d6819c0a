"""Authentication on TCP: the bearer token, a verified client certificate, the
public health paths, the unix socket; and the kubeconfig kept off TCP."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar, websocket_listener

from podd.api.app import create_app
from podd.api.auth import token_middleware
from podd.api.kubeconfig import server_url
from podd.tls import CLIENT_CERT
from tests.unit.api.conftest import TOKEN, Api

TCP = ("127.0.0.1", 6443)
UNIX = ("/run/user/1000/podd/podd.sock", None)


async def test_no_token_is_401_with_a_status(api: Api) -> None:
    del api.client.headers["Authorization"]
    r = await api.client.get("/api/v1/namespaces/default/pods")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer realm="podd"'
    body = r.json()
    assert (body["kind"], body["reason"], body["code"]) == ("Status", "Unauthorized", 401)


@pytest.mark.parametrize(
    "header", ["Bearer wrong-token-0123456789", f"Basic {TOKEN}", TOKEN, "Bearer "]
)
async def test_a_wrong_token_is_401(api: Api, header: str) -> None:
    api.client.headers["Authorization"] = header
    r = await api.client.get("/api/v1/namespaces/default/pods")
    assert r.status_code == 401


async def test_the_token_authenticates(api: Api) -> None:
    r = await api.client.get("/api/v1/namespaces/default/pods")
    assert r.status_code == 200
    assert r.json()["items"] == []


@pytest.mark.parametrize("path", ["/healthz", "/livez", "/readyz"])
async def test_health_needs_no_token(api: Api, path: str) -> None:
    del api.client.headers["Authorization"]
    assert (await api.client.get(path)).status_code == 200


async def test_the_kubeconfig_is_not_handed_out_over_tcp(api: Api) -> None:
    r = await api.client.get("/podd/v1/kubeconfig")  # with the right token, even
    assert r.status_code == 403
    body = r.json()
    assert body["reason"] == "Forbidden"
    assert "unix socket only" in body["message"]


@pytest.mark.parametrize(
    ("listen", "url"),
    [
        ("127.0.0.1:6443", "https://127.0.0.1:6443"),
        ("localhost:6443", "https://localhost:6443"),
        ("[::1]:6443", "https://[::1]:6443"),
        ("0.0.0.0:6443", "https://127.0.0.1:6443"),  # a wildcard: reached on loopback
        ("[::]:6443", "https://[::1]:6443"),
        ("10.1.2.3:443", "https://10.1.2.3:443"),
    ],
)
def test_the_kubeconfig_server_url(listen: str, url: str) -> None:
    assert server_url(listen) == url


class Recorder:
    """The inner ASGI app: records what reached it, answers 204."""

    def __init__(self) -> None:
        self.reached: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.reached.append(scope["path"])
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})


async def _call(scope: dict[str, Any], token: str | None = TOKEN) -> tuple[Recorder, list[Any]]:
    inner = Recorder()
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    app = token_middleware(token)(inner)  # type: ignore[operator]
    await app(scope, receive, send)
    return inner, sent


def _scope(
    server: tuple[str, int | None] = TCP,
    *,
    kind: str = "http",
    headers: list[tuple[bytes, bytes]] | None = None,
    state: dict[str, Any] | None = None,
    extensions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    scope: dict[str, Any] = {
        "type": kind,
        "path": "/api/v1/pods",
        "server": server,
        "headers": headers or [],
        "state": state or {},
    }
    if extensions is not None:
        scope["extensions"] = extensions
    return scope


async def test_a_verified_client_certificate_authenticates_without_a_token() -> None:
    inner, sent = await _call(_scope(state={CLIENT_CERT: "organizationName=podd,commonName=me"}))
    assert inner.reached == ["/api/v1/pods"]
    assert sent[0]["status"] == 204


async def test_a_client_certificate_authenticates_even_with_no_token_configured() -> None:
    inner, _ = await _call(_scope(state={CLIENT_CERT: "commonName=me"}), token=None)
    assert inner.reached == ["/api/v1/pods"]


async def test_tcp_without_credentials_is_refused() -> None:
    inner, sent = await _call(_scope())
    assert inner.reached == []
    assert sent[0]["status"] == 401


async def test_the_unix_socket_needs_nothing() -> None:
    inner, _ = await _call(_scope(UNIX), token=None)
    assert inner.reached == ["/api/v1/pods"]


async def test_a_websocket_without_credentials_gets_a_401_denial() -> None:
    ext = {"websocket.http.response": {}}
    inner, sent = await _call(_scope(kind="websocket", extensions=ext))
    assert inner.reached == []
    assert [m["type"] for m in sent] == [
        "websocket.http.response.start",
        "websocket.http.response.body",
    ]
    assert sent[0]["status"] == 401
    assert b'"Unauthorized"' in sent[1]["body"]


async def test_a_websocket_without_the_denial_extension_is_closed() -> None:
    inner, sent = await _call(_scope(kind="websocket"))
    assert inner.reached == []
    assert sent == [{"type": "websocket.close", "code": 1008}]


async def test_a_websocket_with_the_token_reaches_the_app() -> None:
    headers = [(b"authorization", f"Bearer {TOKEN}".encode())]
    inner, _ = await _call(_scope(kind="websocket", headers=headers))
    assert inner.reached == ["/api/v1/pods"]


def test_websocket_routes_of_the_app_are_guarded() -> None:
    """Through litestar's own test client: the middleware sits on WebSocket routes."""
    from litestar.exceptions import WebSocketDisconnect
    from litestar.testing import TestClient

    @websocket_listener("/echo")
    async def echo(data: str) -> str:
        return data

    app: Litestar = create_app(None, token=TOKEN)
    app.register(echo)
    with TestClient(app=app) as client:
        # Its scope offers no denial response: closed before the accept.
        with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/echo"):
            pass
        assert refused.value.code == 1008
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with client.websocket_connect("/echo", headers=auth) as ws:
            ws.send_text("hi")
            assert ws.receive_text() == "hi"
