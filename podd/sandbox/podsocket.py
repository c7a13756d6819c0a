"""TCP connections made inside a pod's network namespace (port-forward).

podd runs outside the pod's user and network namespaces. A socket keeps
the namespace it was created in, so ``podd-pause --join <pause> --ns
user,net --send-sockets 1`` creates an IPv4 and an IPv6 socket there and
hands them over with SCM_RIGHTS on its stdout (a unix socket of podd's),
then exits; podd connects them itself. This reaches what listens on the
pod's own loopback, as the kubelet's port-forward does, at loopback speed
(a slirp4netns host forward would reach only the pod's 10.0.2.100, through
a user-space TCP stack). The helper lives a millisecond or two and leaves
nothing behind: killed with podd, only the sockets podd held go too.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import os
import socket
from pathlib import Path
from typing import Literal

from podd import spawn
from podd.sandbox.process import ProcessRef, read_stat

__all__ = [
    "DialError",
    "connect_in_pod",
    "netlink_socket",
    "pod_sockets",
    "received_fds",
    "sockets_argv",
]

LOOPBACKS = ("127.0.0.1", "::1")
HELPER_TIMEOUT = 10.0


class DialError(Exception):
    """The pod's port could not be reached; the message says why."""


SocketKind = Literal["tcp", "udp", "netlink"]


def sockets_argv(pause: str | Path, pause_pid: int, kind: SocketKind = "tcp") -> list[str]:
    argv = [str(pause), "--join", str(pause_pid), "--ns", "user,net", "--send-sockets", "1"]
    return [*argv, f"--{kind}"] if kind != "tcp" else argv


async def netlink_socket(pause: str | Path, ref: ProcessRef) -> socket.socket:
    """A NETLINK_ROUTE socket in ``ref``'s network namespace, opened by root
    of its user namespace (the pod network's links are configured on it)."""
    return (await pod_sockets(pause, ref, "netlink"))[0]


async def pod_sockets(
    pause: str | Path, pause_ref: ProcessRef, kind: SocketKind = "tcp"
) -> list[socket.socket]:
    """Unconnected sockets in the pod's network namespace: TCP (IPv4, then
    IPv6 where the pod has it), one IPv4 UDP, or one netlink socket.
    DialError when the pod is gone."""
    stat = read_stat(pause_ref.pid)
    if stat is None or stat[1] != pause_ref.start_time:
        raise DialError("the pod's sandbox is not running")
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            proc = spawn.start(
                sockets_argv(pause, pause_ref.pid, kind),
                stdout=theirs.fileno(),
                stderr=spawn.PIPE,
            )
        finally:
            theirs.close()
        async with proc, asyncio.timeout(HELPER_TIMEOUT):
            done = await proc.communicate()
        if done.returncode != 0:
            text = done.stderr.decode(errors="replace").strip()
            raise DialError(text or f"podd-pause exited with status {done.returncode}")
        return _received(ours)
    finally:
        ours.close()


def _received(channel: socket.socket) -> list[socket.socket]:
    socks = received_fds(channel)
    if not socks:
        raise DialError("podd-pause sent no socket")
    return socks


def received_fds(channel: socket.socket, most: int = 2) -> list[socket.socket]:
    """The sockets waiting on ``channel`` (SCM_RIGHTS, up to ``most``); [] if none."""
    channel.setblocking(False)
    fds = array.array("i")
    with contextlib.suppress(BlockingIOError):
        _, ancillary, _, _ = channel.recvmsg(1, socket.CMSG_SPACE(most * fds.itemsize))
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
    return [socket.socket(fileno=fd) for fd in fds]


async def connect_in_pod(
    pause: str | Path, pause_ref: ProcessRef, port: int
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to ``port`` on the pod's loopback (127.0.0.1, else ::1).
    DialError with both reasons when neither answers."""
    socks = await pod_sockets(pause, pause_ref)
    loop = asyncio.get_running_loop()
    errors: list[str] = []
    try:
        while socks:
            sock = socks.pop(0)
            host = LOOPBACKS[0] if sock.family == socket.AF_INET else LOOPBACKS[1]
            sock.setblocking(False)
            try:
                await loop.sock_connect(sock, (host, port))
            except OSError as exc:
                sock.close()
                errors.append(f"{host}: {os.strerror(exc.errno) if exc.errno else exc}")
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return await asyncio.open_connection(sock=sock, limit=1 << 20)
    finally:
        for sock in socks:
            sock.close()
    raise DialError(f"failed to connect to localhost:{port} in the pod: " + "; ".join(errors))
