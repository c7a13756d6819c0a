"""What every client command shares: the connection flags, a client for
podd (its unix socket or ``--server``), and podd's refusals as messages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import httpx

from podd.cli.client import connect
from podd.cli.tlsverify import TrustError, add_tls_args, context_for

__all__ = ["CommandError", "add_client_args", "check", "client", "status_message"]


class CommandError(Exception):
    """A client command failed; the message is for the user."""


def add_client_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--socket", help="podd's unix socket (default $XDG_RUNTIME_DIR/podd/podd.sock)")
    p.add_argument("--server", help="https://HOST:PORT of a TCP podd (podd serve --listen)")
    p.add_argument("--token-file", help="bearer token for --server")
    add_tls_args(p)
    p.add_argument("-n", "--namespace", default="default")


def client(args: argparse.Namespace, timeout: float = 30.0) -> httpx.Client:
    """A client for podd (``timeout``: long for streams that last)."""
    token = Path(args.token_file).read_text().strip() if args.token_file else None
    try:
        tls = context_for(args) if args.server else None
    except TrustError as exc:
        raise CommandError(str(exc)) from None
    return connect(args.socket, args.server, token, timeout, tls)


def status_message(r: httpx.Response) -> str:
    """The message of the Status podd answered with (its body otherwise)."""
    try:
        body = r.json()
    except ValueError:
        return r.text
    message = body.get("message") if isinstance(body, dict) else None
    return str(message or r.text)


def check(r: httpx.Response) -> Any:
    """The answer's JSON (or text); a refusal raises with podd's message."""
    if r.status_code >= 400:
        r.read()
        raise CommandError(f"{r.status_code}: {status_message(r)}")
    return r.json() if r.headers.get("content-type", "").startswith("application/json") else r.text
