"""``podd exec [-i] [-t] POD -- CMD``: a command in a container, streamed over
the Kubernetes exec endpoint (WebSocket, ``v5.channel.k8s.io``) on podd's
unix socket (or ``--server``), as kubectl does: stdin sent as it is typed or
piped (half-closed at its end), output as it comes, the terminal raw and
its size followed with ``-t``, and the command's exit code as ours."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import termios
import threading
import tty
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from podd.cli.client import default_socket
from podd.cli.tlsverify import TrustError, context_for, explain

__all__ = [
    "ExecFailed",
    "add_exec_stream",
    "connect_ws",
    "exec_stream",
    "refusal",
    "stream_session",
]

PROTOCOL = "v5.channel.k8s.io"
STDIN, STDOUT, STDERR, ERROR, RESIZE, CLOSE = 0, 1, 2, 3, 4, 255
NORMAL_CLOSURE = 1000


class ExecFailed(Exception):
    """What podd refused, or why the exec ended without an exit code."""


def _path(args: argparse.Namespace, tty_: bool) -> str:
    query: list[tuple[str, str]] = [("command", c) for c in args.command]
    query += [
        ("stdin", "true" if args.stdin else "false"),
        ("stdout", "true"),
        ("stderr", "false" if tty_ else "true"),
        ("tty", "true" if tty_ else "false"),
    ]
    if args.container:
        query.append(("container", args.container))
    return f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/exec?{urlencode(query)}"


def connect_ws(args: argparse.Namespace, path: str, protocol: str = PROTOCOL) -> Any:
    """A WebSocket to ``path`` of podd (its unix socket, or ``--server``
    with the token of ``--token-file``), offering ``protocol``."""
    from websockets.asyncio.client import connect, unix_connect
    from websockets.typing import Subprotocol

    protocols = [Subprotocol(protocol)]
    if args.server:
        token = Path(args.token_file).read_text().strip() if args.token_file else None
        headers = {"Authorization": f"Bearer {token}"} if token else None
        url = "ws" + args.server.removeprefix("http").rstrip("/") + path
        try:
            tls = context_for(args)  # wss: podd's certificate checked as for the other commands
        except TrustError as exc:
            raise ExecFailed(str(exc)) from None
        return connect(
            url,
            subprotocols=protocols,
            additional_headers=headers,
            max_size=None,
            ssl=tls,
        )
    return unix_connect(
        args.socket or str(default_socket()),
        f"ws://podd{path}",
        subprotocols=protocols,
        max_size=None,
    )


def refusal(exc: Any) -> str:
    """The message of the Status podd answered a refused upgrade with."""
    try:
        message = json.loads(bytes(exc.response.body or b"{}")).get("message")
    except ValueError:
        message = None
    return str(message or f"podd answered {exc.response.status_code}")


def _exit_code(payload: bytes) -> int:
    """The Status of the error channel as kubectl reads it."""
    if not payload:
        return 0
    status = json.loads(payload)
    if status.get("status") == "Success":
        return 0
    for cause in (status.get("details") or {}).get("causes") or []:
        if status.get("reason") == "NonZeroExitCode" and cause.get("reason") == "ExitCode":
            return int(cause["message"])
    raise ExecFailed(status.get("message") or "the command failed")


def _size() -> bytes:
    cols, rows = os.get_terminal_size(sys.stdout.fileno())
    return json.dumps({"Width": cols, "Height": rows}).encode()


def _read_stdin(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[bytes]) -> None:
    """A daemon thread: stdin may be a file, which the loop cannot poll."""
    while True:
        try:
            data = os.read(sys.stdin.fileno(), 65536)
        except OSError:
            data = b""
        # Blocks while the queue is full: stdin is read as fast as it is sent.
        asyncio.run_coroutine_threadsafe(queue.put(data), loop).result()
        if not data:
            return


async def _session(
    args: argparse.Namespace, tty_: bool, path_for: Callable[[bool], str] | None = None
) -> int:
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    try:
        ws_cm = connect_ws(args, path_for(tty_) if path_for else _path(args, tty_))
        ws = await ws_cm.__aenter__()
    except InvalidStatus as exc:
        raise ExecFailed(refusal(exc)) from None
    loop = asyncio.get_running_loop()
    error = b""
    tasks: list[asyncio.Task[None]] = []

    async def send_stdin() -> None:
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=4)
        threading.Thread(target=_read_stdin, args=(loop, queue), daemon=True).start()
        while data := await queue.get():
            await ws.send(bytes([STDIN]) + data)
        await ws.send(bytes([CLOSE, STDIN]))

    try:
        if tty_:
            await ws.send(bytes([RESIZE]) + _size())
            loop.add_signal_handler(
                signal.SIGWINCH,
                lambda: tasks.append(loop.create_task(ws.send(bytes([RESIZE]) + _size()))),
            )
        if args.stdin:
            tasks.append(loop.create_task(send_stdin()))
        with contextlib.suppress(ConnectionClosed):
            async for message in ws:
                frame = message if isinstance(message, bytes) else message.encode()
                if not frame:
                    continue
                if frame[0] == STDOUT:
                    os.write(sys.stdout.fileno(), frame[1:])
                elif frame[0] == STDERR:
                    os.write(sys.stderr.fileno(), frame[1:])
                elif frame[0] == ERROR:
                    error += frame[1:]
    finally:
        if tty_:
            loop.remove_signal_handler(signal.SIGWINCH)
        for task in tasks:
            task.cancel()
        await ws_cm.__aexit__(None, None, None)
    if not error and ws.close_code != NORMAL_CLOSURE:
        raise ExecFailed("the connection ended before the command's outcome")
    return _exit_code(error)


def stream_session(args: argparse.Namespace, path_for: Callable[[bool], str] | None = None) -> int:
    """One exec (or, with ``path_for(tty)``, another stream such as an
    attach) with this terminal; ExecFailed or OSError when it fails."""
    tty_ = bool(args.tty) and sys.stdout.isatty() and (sys.stdin.isatty() or not args.stdin)
    if args.tty and not tty_:
        print("podd: unable to use a TTY: input or output is not a terminal", file=sys.stderr)
    raw = tty_ and args.stdin
    saved = termios.tcgetattr(sys.stdin.fileno()) if raw else None
    try:
        if saved is not None:
            # TCSADRAIN, not setraw's TCSAFLUSH: what was typed ahead is kept (kubectl too)
            tty.setraw(sys.stdin.fileno(), termios.TCSADRAIN)
        return asyncio.run(_session(args, tty_, path_for))
    finally:
        if saved is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)


def exec_stream(args: argparse.Namespace) -> int:
    try:
        return stream_session(args)
    except ExecFailed as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"podd: {explain(exc, args)}", file=sys.stderr)
        return 1


def add_exec_stream(sub: Any) -> None:
    """Make ``podd exec`` (registered by the client commands) stream."""
    p = sub.choices["exec"]
    p.add_argument("-t", "--tty", action="store_true", help="allocate a terminal")
    p.set_defaults(func=exec_stream)
