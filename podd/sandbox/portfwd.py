"""Host port forwards: check the host port, then drive the slirp4netns API.

The API is one JSON request per connection, then a half-close, then the reply
read to EOF. slirp4netns answers *every* forward failure (port taken,
duplicate, privileged) with the same ``slirp_add_hostfwd failed``, so the host
port is checked here first — by binding it ourselves and by reading
``net.ipv4.ip_unprivileged_port_start`` — to say which port and why.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from pathlib import Path
from typing import Literal

import msgspec

from podd.sandbox.errors import (
    PortForwardError,
    PortInUseError,
    PortPrivilegedError,
    SlirpAPIError,
)

Protocol = Literal["TCP", "UDP"]
UNPRIVILEGED_PORT_START = "/proc/sys/net/ipv4/ip_unprivileged_port_start"


class PortForward(msgspec.Struct, frozen=True):
    """A containerPort with a hostPort: hostIP:hostPort → pod:containerPort."""

    host_port: int
    container_port: int
    protocol: Literal["TCP", "UDP"] = "TCP"
    host_ip: str = "127.0.0.1"


class HostFwd(msgspec.Struct, frozen=True):
    """One forward as slirp4netns lists it."""

    id: int
    proto: str
    host_addr: str
    host_port: int
    guest_addr: str
    guest_port: int


class _AddArgs(msgspec.Struct, frozen=True):
    proto: str
    host_addr: str
    host_port: int
    guest_addr: str
    guest_port: int


class _RemoveArgs(msgspec.Struct, frozen=True):
    id: int


class _Request(msgspec.Struct, frozen=True, omit_defaults=True):
    execute: str
    arguments: _AddArgs | _RemoveArgs | None = None


class _ErrorBody(msgspec.Struct):
    desc: str = ""


class _IdBody(msgspec.Struct):
    id: int = 0


class _Reply(msgspec.Struct):
    ret: _IdBody | None = msgspec.field(name="return", default=None)
    error: _ErrorBody | None = None
    entries: list[HostFwd] | None = None


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(_Reply)


def endpoint(host_ip: str, host_port: int, protocol: str) -> str:
    """``127.0.0.1:8080/TCP`` (IPv6 in brackets), used in every port message."""
    host = f"[{host_ip}]" if ":" in host_ip else host_ip
    return f"{host}:{host_port}/{protocol.upper()}"


def unprivileged_port_start(path: str | Path = UNPRIVILEGED_PORT_START) -> int:
    """net.ipv4.ip_unprivileged_port_start (1024 when unreadable)."""
    try:
        return int(Path(path).read_text().strip())
    except (OSError, ValueError):
        return 1024


def check_host_port(
    host_ip: str,
    host_port: int,
    protocol: str = "TCP",
    *,
    unprivileged_start: int | None = None,
) -> None:
    """Raise a typed error if ``host_ip:host_port`` cannot be forwarded now.

    TCP is probed with SO_REUSEADDR, as slirp4netns binds (so a TIME_WAIT
    leftover is not "in use" but a listener is); UDP without it, because two
    SO_REUSEADDR UDP sockets may share a port and split its traffic.
    """
    where = endpoint(host_ip, host_port, protocol)
    if not 0 < host_port < 65536:
        raise PortForwardError(f"{where}: port out of range")
    start = unprivileged_port_start() if unprivileged_start is None else unprivileged_start
    if host_port < start:
        raise PortPrivilegedError(
            f"{where}: port is privileged (net.ipv4.ip_unprivileged_port_start={start})"
        )
    family = socket.AF_INET6 if ":" in host_ip else socket.AF_INET
    kind = socket.SOCK_STREAM if protocol.upper() == "TCP" else socket.SOCK_DGRAM
    with socket.socket(family, kind) as probe:
        if kind == socket.SOCK_STREAM:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host_ip, host_port))
        except OSError as exc:
            raise port_error(where, exc.errno) from exc


def port_error(where: str, err: int | None) -> PortForwardError:
    """The typed error for a failed bind of ``where``."""
    if err == errno.EADDRINUSE:
        return PortInUseError(f"{where}: address already in use")
    if err == errno.EACCES:
        return PortPrivilegedError(f"{where}: permission denied (privileged port)")
    if err == errno.EADDRNOTAVAIL:
        return PortForwardError(f"{where}: address not available on this host")
    text = errno.errorcode.get(err or 0, "unknown error")
    return PortForwardError(f"{where}: cannot bind ({text})")


class SlirpClient:
    """Client of one slirp4netns API socket."""

    def __init__(self, api_socket: str | Path, timeout: float = 5.0) -> None:
        self.api_socket = str(api_socket)
        self.timeout = timeout

    async def _call(self, request: _Request) -> _Reply:
        try:
            async with asyncio.timeout(self.timeout):
                reader, writer = await asyncio.open_unix_connection(self.api_socket)
                try:
                    writer.write(_encoder.encode(request))
                    writer.write_eof()
                    data = await reader.read()
                finally:
                    writer.close()
        except (OSError, TimeoutError) as exc:
            raise SlirpAPIError(f"slirp4netns API {self.api_socket}: {exc}") from exc
        try:
            reply = _decoder.decode(data)
        except msgspec.DecodeError as exc:
            raise SlirpAPIError(f"slirp4netns API: bad reply {data[:200]!r}") from exc
        if reply.error is not None:
            raise SlirpAPIError(f"slirp4netns API {request.execute}: {reply.error.desc}")
        return reply

    async def add_hostfwd(
        self,
        host_addr: str,
        host_port: int,
        guest_addr: str,
        guest_port: int,
        protocol: str = "TCP",
    ) -> int:
        """Add a forward; returns its id. Port errors become typed errors."""
        args = _AddArgs(protocol.lower(), host_addr, host_port, guest_addr, guest_port)
        try:
            reply = await self._call(_Request("add_hostfwd", args))
        except SlirpAPIError as exc:
            if "add_hostfwd failed" not in str(exc):
                raise
            # The generic failure: find the real reason by probing the port.
            check_host_port(host_addr, host_port, protocol)
            raise PortForwardError(
                f"{endpoint(host_addr, host_port, protocol)}: slirp4netns refused the forward"
                " (duplicate forward?)"
            ) from exc
        if reply.ret is None:
            raise SlirpAPIError(f"slirp4netns API add_hostfwd: no id in reply {reply!r}")
        return reply.ret.id

    async def list_hostfwd(self) -> list[HostFwd]:
        reply = await self._call(_Request("list_hostfwd"))
        return reply.entries or []

    async def remove_hostfwd(self, fwd_id: int) -> None:
        await self._call(_Request("remove_hostfwd", _RemoveArgs(fwd_id)))
