"""``/api/v1/namespaces/{ns}/pods/{name}/portforward`` over a WebSocket.

Two wire forms, as the apiserver and kubelet serve them:

- ``SPDY/3.1+portforward.k8s.io`` (kubectl ≥ 1.31): the WebSocket carries
  a SPDY session's bytes (:mod:`podd.api.streams.spdysession`).
- the channel protocols (``v4.channel.k8s.io`` — the Python client's
  ``portforward()`` — its base64 flavour, or none): ``ports=`` in the query,
  channel 2i carries port i's data and 2i+1 its errors; the first message
  on each is the port, 2 bytes little-endian. One connection per port; the
  WebSocket closes once every forward is over.

Connections are made inside the pod's network namespace
(:mod:`podd.sandbox.podsocket`), to what listens on the pod's loopback.
SPDY over an HTTP upgrade (kubectl ≤ 1.30) is answered with a 400 Status.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import logging
from functools import partial
from typing import Any

import msgspec
from litestar import Request, Response, WebSocket, route, websocket
from litestar.exceptions import WebSocketDisconnect

from podd.api import openapi_params as qp
from podd.api import resources as res
from podd.api.errors import APIError
from podd.api.pods import PODS
from podd.api.respond import json_response
from podd.api.streams.handlers import deny_with, services_of
from podd.api.streams.spdysession import serve_portforward, to_pod
from podd.model import status as st
from podd.sandbox.podsocket import DialError, connect_in_pod
from podd.sandbox.process import ProcessRef
from podd.services import Services

__all__ = ["HANDLERS"]

log = logging.getLogger("podd.api.streams")

PORTFORWARD = "/api/v1/namespaces/{namespace:str}/pods/{name:str}/portforward"
SPDY_TUNNEL = "SPDY/3.1+portforward.k8s.io"
CHANNEL_PROTOCOLS = {"v4.channel.k8s.io": False, "v4.base64.channel.k8s.io": True}
CHUNK = 256 * 1024
WEBSOCKET_ONLY = (
    "podd serves port-forward over WebSocket only (subprotocols "
    f"{SPDY_TUNNEL}, v4.channel.k8s.io); SPDY over an HTTP upgrade is not "
    "supported: use kubectl 1.31 or newer"
)


class Forward(msgspec.Struct, frozen=True):
    """The pod a port-forward reaches: how to enter its network."""

    namespace: str
    name: str
    uid: str
    pause: str
    pause_ref: ProcessRef

    def describe(self, port: int, reason: str) -> str:
        """The kubelet's words for a forward that failed."""
        pod = f"{self.name}_{self.namespace}"
        return f"error forwarding port {port} to pod {pod}, uid {self.uid}: {reason}"

    async def dial(self, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await connect_in_pod(self.pause, self.pause_ref, port)


async def find_forward(svc: Services, namespace: str, name: str) -> Forward:
    stored = await res.get_object(svc, PODS, namespace, name)
    pod = PODS.decode(stored.data)
    phase = pod.status.phase if pod.status is not None else None
    sandbox = svc.sandbox_state(stored.uid)
    env = svc.controller.env if svc.controller is not None else None
    if phase != "Running" or sandbox is None or env is None:
        raise APIError(st.bad_request(f'pod "{name}" is not running (phase {phase or "Pending"})'))
    return Forward(namespace, name, stored.uid, str(env.pause), sandbox.pause.ref)


def parse_ports(values: list[str]) -> list[int]:
    """``ports=`` values (each maybe a comma list), as the kubelet parses them."""
    ports: list[int] = []
    for value in values:
        for text in value.split(","):
            try:
                port = int(text.strip(), 10)
            except ValueError:
                raise APIError(st.bad_request(f'unable to parse "{text}" as a port')) from None
            if not 0 < port < 65536:
                raise APIError(st.bad_request(f'port "{text}" must be > 0 and < 65536'))
            ports.append(port)
    if not ports:
        raise APIError(st.bad_request("at least 1 port must be specified"))
    return ports


async def _receive(socket: WebSocket) -> bytes | None:
    """The next message's bytes; None once the client is gone."""
    try:
        event = await socket.receive()
    except (OSError, WebSocketDisconnect):
        return None
    if event["type"] != "websocket.receive":
        return None
    raw = event.get("bytes")
    return raw if raw is not None else (event.get("text") or "").encode()


async def _serve_channels(socket: WebSocket, fwd: Forward, ports: list[int], b64: bool) -> None:
    async def send(channel: int, data: bytes) -> None:
        if b64:
            await socket.send_text(chr(ord("0") + channel) + base64.b64encode(data).decode())
        else:
            await socket.send_bytes(bytes((channel,)) + data)

    queues: list[asyncio.Queue[bytes | None]] = [asyncio.Queue(16) for _ in ports]
    for i, port in enumerate(ports):
        for channel in (2 * i, 2 * i + 1):
            await send(channel, port.to_bytes(2, "little"))

    async def one(i: int, port: int) -> None:
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer = await fwd.dial(port)
            up = asyncio.create_task(to_pod(queues[i], writer))
            try:
                while chunk := await reader.read(CHUNK):
                    await send(2 * i, chunk)
            finally:
                up.cancel()
                await asyncio.gather(up, return_exceptions=True)
        except (DialError, OSError) as exc:
            with contextlib.suppress(Exception):
                await send(2 * i + 1, fwd.describe(port, str(exc)).encode())
        finally:
            if writer is not None:
                writer.close()

    async def route_input() -> None:
        while (message := await _receive(socket)) is not None:
            if not message:
                continue
            channel = message[0] - ord("0") if b64 else message[0]
            payload = message[1:]
            if b64:
                try:
                    payload = base64.b64decode(payload, validate=True)
                except (binascii.Error, ValueError):
                    continue
            if channel % 2 == 0 and 0 <= channel // 2 < len(queues) and payload:
                await queues[channel // 2].put(payload)

    async def all_forwards() -> None:
        await asyncio.gather(*(one(i, p) for i, p in enumerate(ports)))

    forwards = asyncio.create_task(all_forwards())
    reader = asyncio.create_task(route_input())
    try:
        await asyncio.wait({forwards, reader}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        forwards.cancel()  # the client left, or every forward is over
        reader.cancel()
        await asyncio.gather(forwards, reader, return_exceptions=True)
        with contextlib.suppress(Exception):
            await socket.close(code=1000)


async def _serve_tunnel(socket: WebSocket, fwd: Forward) -> None:
    async def send(data: bytes) -> None:
        await socket.send_bytes(data)

    try:
        await serve_portforward(partial(_receive, socket), send, fwd.dial, fwd.describe)
    except (OSError, WebSocketDisconnect):
        pass  # the client went away mid-send
    finally:
        with contextlib.suppress(Exception):
            await socket.close(code=1000)


@websocket(PORTFORWARD, name="pods-portforward-stream")
async def portforward_stream(socket: WebSocket, namespace: str, name: str) -> None:
    offered: list[str] = socket.scope.get("subprotocols") or []
    try:
        proto = next((p for p in offered if p == SPDY_TUNNEL or p in CHANNEL_PROTOCOLS), None)
        if offered and proto is None:
            raise APIError(
                st.bad_request(
                    f"requested protocol(s) are not supported: {offered}; supports "
                    f"{[SPDY_TUNNEL, *CHANNEL_PROTOCOLS]}"
                )
            )
        fwd = await find_forward(services_of(socket), namespace, name)
        ports = [] if proto == SPDY_TUNNEL else parse_ports(socket.query_params.getall("ports", []))
    except Exception as exc:
        await deny_with(socket, exc)
        return
    await socket.accept(subprotocols=proto)
    if proto == SPDY_TUNNEL:
        await _serve_tunnel(socket, fwd)
    else:
        await _serve_channels(socket, fwd, ports, CHANNEL_PROTOCOLS.get(proto or "", False))


@route(
    PORTFORWARD,
    http_method=["GET", "POST"],
    name="pods-portforward-http",
    opt={"openapi": qp.PORTFORWARD_OP},
)
async def portforward_http(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    await find_forward(services_of(request), namespace, name)
    return json_response(st.bad_request(WEBSOCKET_ONLY), status_code=400)


HANDLERS = [portforward_stream, portforward_http]
