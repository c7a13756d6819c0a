"""``podd port-forward POD [LOCAL:]REMOTE ...``: local ports forwarded to a
pod's ports over the port-forward endpoint, as ``kubectl port-forward``.

Each accepted local connection gets its own WebSocket (``v4.channel.k8s.io``,
``ports=REMOTE``): channel 0 carries the data, channel 1 the reason when
the pod's port could not be reached. That framing has no half-close, so a
local connection that ends its input ends the forward (as the Python
client's ``portforward()`` does)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import Any

from podd.cli.execstream import ExecFailed, connect_ws, refusal
from podd.cli.tlsverify import explain

__all__ = ["add_port_forward", "parse_mapping", "port_forward"]

PROTOCOL = "v4.channel.k8s.io"
DATA, ERROR = 0, 1
CHUNK = 64 * 1024


def parse_mapping(text: str) -> tuple[int, int]:
    """``8080`` (same port), ``8080:80``, or ``:80`` (a free local port)."""
    local, sep, remote = text.rpartition(":")
    try:
        remote_port = int(remote)
        local_port = int(local) if sep and local else (0 if sep else remote_port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port mapping {text!r}") from None
    for port in (local_port, remote_port):
        if not 0 <= port < 65536 or remote_port == 0:
            raise argparse.ArgumentTypeError(f"invalid port mapping {text!r}")
    return local_port, remote_port


async def _relay(
    args: argparse.Namespace,
    remote: int,
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
) -> None:
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    path = f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/portforward?ports={remote}"
    try:
        async with connect_ws(args, path, PROTOCOL) as ws:

            async def upstream() -> None:
                while data := await reader.read(CHUNK):
                    await ws.send(bytes([DATA]) + data)
                await ws.close()  # v4 cannot half-close: the forward ends

            sending = asyncio.create_task(upstream())
            seen: set[int] = set()
            try:
                with contextlib.suppress(ConnectionClosed):
                    async for message in ws:
                        frame = message if isinstance(message, bytes) else message.encode()
                        if not frame:
                            continue
                        if frame[0] not in seen:  # the first on each channel: the port
                            seen.add(frame[0])
                            continue
                        if frame[0] == DATA:
                            writer.write(frame[1:])
                            await writer.drain()
                        elif frame[0] == ERROR:
                            text = frame[1:].decode(errors="replace")
                            print(
                                f"podd: an error occurred forwarding {remote}: {text}",
                                file=sys.stderr,
                            )
            finally:
                sending.cancel()
                await asyncio.gather(sending, return_exceptions=True)
    except InvalidStatus as exc:
        print(f"podd: {refusal(exc)}", file=sys.stderr)
    except (OSError, ConnectionError) as exc:
        print(f"podd: port-forward of {remote}: {exc}", file=sys.stderr)
    finally:
        writer.close()


async def _check(args: argparse.Namespace, remote: int) -> None:
    """Refusals (no such pod, not running) before anything listens."""
    from websockets.exceptions import InvalidStatus

    path = f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/portforward?ports={remote}"
    try:
        async with connect_ws(args, path, PROTOCOL) as ws:
            await ws.close()
    except InvalidStatus as exc:
        raise ExecFailed(refusal(exc)) from None


async def _serve(args: argparse.Namespace) -> int:
    await _check(args, args.ports[0][1])
    servers = []
    for local, remote in args.ports:

        async def accept(
            r: asyncio.StreamReader, w: asyncio.StreamWriter, remote: int = remote
        ) -> None:
            print(f"Handling connection for {remote}", flush=True)
            await _relay(args, remote, r, w)

        server = await asyncio.start_server(accept, args.address, local)
        bound = server.sockets[0].getsockname()[1]
        print(f"Forwarding from {args.address}:{bound} -> {remote}", flush=True)
        servers.append(server)
    try:
        await asyncio.gather(*(s.serve_forever() for s in servers))
    finally:
        for server in servers:
            server.close()
    return 0


def port_forward(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_serve(args))
    except KeyboardInterrupt:
        return 0
    except ExecFailed as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"podd: {explain(exc, args)}", file=sys.stderr)
        return 1


def add_port_forward(sub: Any, add_client_args: Any) -> None:
    p = sub.add_parser("port-forward", help="forward local ports to a pod")
    add_client_args(p)
    p.add_argument("name", help="the pod (pod/NAME or NAME)", type=lambda s: s.removeprefix("pod/"))
    p.add_argument(
        "ports", nargs="+", type=parse_mapping, metavar="[LOCAL:]REMOTE", help="ports to forward"
    )
    p.add_argument("--address", default="127.0.0.1", help="the local address to listen on")
    p.set_defaults(func=port_forward)
