"""Socket activation: the unix socket systemd's ``podd.socket`` hands over.

The protocol (sd_listen_fds(3)): the manager passes the listening sockets
from fd 3 on, ``LISTEN_FDS`` counts them and ``LISTEN_PID`` names the
process they are for. podd takes one, its API socket. The variables are
taken out of the environment and the fd made close-on-exec, as
sd_listen_fds' ``unset_environment`` does: runc passes ``LISTEN_FDS`` and
its fds on to containers.
"""

from __future__ import annotations

import logging
import os
import socket
import stat
from collections.abc import MutableMapping
from pathlib import Path

log = logging.getLogger("podd.system")

LISTEN_FDS_START = 3


class ActivationError(Exception):
    """The handed-over sockets are not one unix stream socket; says why."""


def listen_fds(environ: MutableMapping[str, str] | None = None, pid: int | None = None) -> int:
    """How many fds the manager passed to this process (0: not activated)."""
    env = os.environ if environ is None else environ
    count, owner = env.pop("LISTEN_FDS", ""), env.pop("LISTEN_PID", "")
    env.pop("LISTEN_FDNAMES", None)
    if not count:
        return 0
    if not owner.isdigit() or int(owner) != (os.getpid() if pid is None else pid):
        return 0  # meant for a process that exec'd us, or garbage: not ours
    if not count.isdigit():
        raise ActivationError(f"LISTEN_FDS={count!r} is not a number")
    return int(count)


def inherited_socket(
    expected: Path,
    error: type[Exception] = ActivationError,
    environ: MutableMapping[str, str] | None = None,
) -> socket.socket | None:
    """The activated unix stream socket, non-blocking and close-on-exec, or
    None when podd was not socket-activated. ``error`` is raised (with the
    reason) when what was handed over is not that; ``expected`` is the path
    podd's clients look for, and a socket bound elsewhere is logged."""
    try:
        count = listen_fds(environ)
        if count == 0:
            return None
        sock = _take(count)
    except ActivationError as exc:
        raise error(str(exc)) from None
    path = socket_path(sock)
    if path != str(expected):
        log.warning(
            "the activated socket is not the configured one: clients look for the configured one",
            extra={"activated": path or "-", "socket": str(expected)},
        )
    return sock


def _take(count: int) -> socket.socket:
    if count != 1:
        raise ActivationError(
            f"LISTEN_FDS={count}: podd takes one socket, its unix socket (one ListenStream=)"
        )
    fd = LISTEN_FDS_START
    try:
        if not stat.S_ISSOCK(os.fstat(fd).st_mode):
            raise ActivationError(f"fd {fd} of LISTEN_FDS is not a socket")
    except OSError as exc:
        raise ActivationError(f"fd {fd} of LISTEN_FDS: {exc.strerror}") from None
    os.set_inheritable(fd, False)
    sock = socket.socket(fileno=fd)
    if sock.family != socket.AF_UNIX or sock.type != socket.SOCK_STREAM:
        sock.detach()
        raise ActivationError(
            f"fd {fd} of LISTEN_FDS is not a unix stream socket (ListenStream= a path)"
        )
    if not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
        sock.detach()
        raise ActivationError(f"fd {fd} of LISTEN_FDS is not listening")
    sock.setblocking(False)
    return sock


def socket_path(sock: socket.socket) -> str:
    """The path the socket is bound to ('' for an unnamed or abstract one)."""
    name = sock.getsockname()
    return name if isinstance(name, str) and name.startswith("/") else ""
