"""What a handler needs to reach a container, and how it gets there.

:class:`HandlerContext` carries the pod and container facts a probe or hook
handler uses (pod IP, the sandbox's slirp4netns API socket, the container's
named ports, the runtime's exec). :func:`endpoint` turns the address a probe
names into the one podd connects to: the pod IP becomes a loopback forward;
any other host is connected to directly, as the kubelet would from the node.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import msgspec

from podd.controller.probes.forward import LOOPBACK, POD_IP, ForwardError, PortForwarder
from podd.model.container import ContainerPort

__all__ = [
    "Endpoint",
    "ExecFn",
    "ExecResult",
    "ExecRuntime",
    "HandlerContext",
    "PortError",
    "endpoint",
    "is_timeout",
    "resolve_port",
    "runtime_exec",
]


class ExecResult(msgspec.Struct, frozen=True):
    """What the runtime's exec returns: the exit code and the combined output.

    ``timed_out``: the command was stopped at its timeout (an ExecFn may also
    raise ``TimeoutError`` instead).
    """

    exit_code: int
    output: bytes | str = b""
    timed_out: bool = False


# (command, timeout in seconds) → result; the runtime's exec into the container.
ExecFn = Callable[[list[str], float], Awaitable[ExecResult]]


class _ExecOutput(Protocol):
    @property
    def exit_code(self) -> int: ...

    @property
    def stdout(self) -> str: ...

    @property
    def stderr(self) -> str: ...


class ExecRuntime(Protocol):
    """The part of the controller's runtime port that execs (``RuntimePort.exec``)."""

    async def exec(
        self, pod_uid: str, container_id: str, command: list[str], *, timeout: float = ...
    ) -> _ExecOutput: ...


def runtime_exec(runtime: ExecRuntime, pod_uid: str, container_id: str) -> ExecFn:
    """An ExecFn for one container from the runtime port: stdout then stderr as
    the output (as the kubelet joins them); the runtime's timeout error is
    recognised by :func:`is_timeout`."""

    async def run(command: list[str], timeout: float) -> ExecResult:
        got = await runtime.exec(pod_uid, container_id, command, timeout=timeout)
        return ExecResult(got.exit_code, (got.stdout or "") + (got.stderr or ""))

    return run


def is_timeout(exc: BaseException) -> bool:
    """A TimeoutError, or a runtime error named as one (``ExecTimeoutError``)."""
    return isinstance(exc, TimeoutError) or any(
        "Timeout" in cls.__name__ for cls in type(exc).__mro__
    )


class HandlerContext(msgspec.Struct, frozen=True, kw_only=True):
    """The container a handler runs against."""

    pod_uid: str
    pod_ip: str = POD_IP
    api_socket: str | None = None  # the sandbox's slirp4netns API socket
    ports: Sequence[ContainerPort] = ()
    exec: ExecFn | None = None
    forwarder: PortForwarder | None = None


class PortError(ValueError):
    """A probe's port cannot be resolved (unknown name, out of range)."""


def resolve_port(port: int | str, ports: Sequence[ContainerPort] | None) -> int:
    """A probe port: a number, a named container port, or a number written as a string.

    As the kubelet's ``ResolveContainerPort``: a name is looked up in the
    container's ports first, then parsed as a number; the result must be
    1..65535.
    """
    if isinstance(port, str):
        found = next((p.container_port for p in ports or () if p.name and p.name == port), None)
        if found is None:
            try:
                found = int(port)
            except ValueError:
                raise PortError(f"port {port!r} not found in the container's ports") from None
        number = found
    else:
        number = port
    if not 0 < number < 65536:
        raise PortError(f"invalid port number: {number}")
    return number


class Endpoint:
    """Where to connect for ``host:port`` of a probe."""

    __slots__ = ("_ctx", "forwarded", "guest_port", "host", "port")

    def __init__(
        self, host: str, port: int, ctx: HandlerContext | None = None, guest_port: int = 0
    ) -> None:
        self.host = host
        self.port = port
        self._ctx = ctx
        self.guest_port = guest_port
        self.forwarded = ctx is not None

    async def invalidate(self) -> None:
        """Drop the forward behind this endpoint (it refused: slirp4netns was replaced)."""
        if self._ctx is not None and self._ctx.forwarder is not None:
            await self._ctx.forwarder.invalidate(self._ctx.pod_uid, self.guest_port)


async def endpoint(ctx: HandlerContext, host: str, port: int) -> Endpoint:
    """The address to connect to for ``host:port`` as named by the probe.

    Raises :class:`ForwardError` when the pod IP is named but no forward can
    be made (no sandbox network known, or slirp4netns refused).
    """
    if host != ctx.pod_ip:
        return Endpoint(host, port)
    if ctx.forwarder is None or not ctx.api_socket:
        raise ForwardError("no network path to the pod (its sandbox has no slirp4netns socket)")
    host_port = await ctx.forwarder.host_port(ctx.pod_uid, ctx.api_socket, port, ctx.pod_ip)
    return Endpoint(LOOPBACK, host_port, ctx, port)
