"""Probe and lifecycle-hook handlers: one function per handler type.

Each returns an :class:`Outcome` and never raises for a failed check (only
cancellation propagates). httpGet lives in ``httpget.py``.

tcpSocket through slirp4netns: the host side of a forward is accepted by
slirp4netns *before* it knows whether the guest port is open. When it is
closed, the guest answers slirp's SYN with a RST and slirp4netns closes the
host connection: podd reads EOF right after connect (measured: ~30 µs after
the connect completes). So a forwarded connection counts as open only if it
is not closed within :data:`TCP_SETTLE` seconds; data from the server also
counts as open.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex

from podd.controller.probes.endpoint import (
    Endpoint,
    ExecResult,
    HandlerContext,
    PortError,
    endpoint,
    is_timeout,
    resolve_port,
)
from podd.controller.probes.forward import ForwardError
from podd.controller.probes.httpget import MAX_BODY, http_get, http_hook
from podd.controller.probes.outcome import Outcome
from podd.model.probe import (
    ExecAction,
    GRPCAction,
    LifecycleHandler,
    Probe,
    SleepAction,
    TCPSocketAction,
)

__all__ = [
    "GRPC_UNSUPPORTED",
    "TCP_SETTLE",
    "exec_action",
    "grpc_probe",
    "http_get",
    "run_lifecycle_handler",
    "run_probe",
    "sleep_action",
    "tcp_socket",
]

TCP_SETTLE = 0.1  # seconds a forwarded connection must stay open to count as open
EXEC_GRACE = 1.0  # beyond the timeout given to the runtime's exec, before we give up on it
GRPC_UNSUPPORTED = "grpc probes are not supported by podd (no HTTP/2 client available)"


def _text(output: bytes | str) -> str:
    if isinstance(output, bytes):
        return output[:MAX_BODY].decode(errors="replace")
    return output[:MAX_BODY]


async def exec_action(action: ExecAction, ctx: HandlerContext, timeout: float) -> Outcome:
    """Run the command in the container through the runtime's exec: exit 0 passes."""
    command = list(action.command or [])
    if not command:
        return Outcome.errored("exec: no command given")
    if ctx.exec is None:
        return Outcome.errored("exec: no exec available for this container")
    timed_out = f"command timed out after {timeout:g}s: {shlex.join(command)}"
    try:
        async with asyncio.timeout(timeout + EXEC_GRACE):
            result: ExecResult = await ctx.exec(command, timeout)
    except Exception as exc:
        if is_timeout(exc):
            return Outcome.failed(timed_out)
        # the runtime could not exec at all: not a probe failure
        return Outcome.errored(f"exec {shlex.join(command)}: {exc}")
    output = _text(result.output)
    if result.timed_out:
        return Outcome.failed(timed_out, output)
    if result.exit_code == 0:
        return Outcome.ok(output, output)
    return Outcome.failed(
        output.strip() or f"command exited with code {result.exit_code}: {shlex.join(command)}",
        output,
    )


async def _stays_open(reader: asyncio.StreamReader, window: float) -> bool:
    """False if the peer closes or resets within ``window`` (the guest port is closed)."""
    try:
        data = await asyncio.wait_for(reader.read(1), window)
    except TimeoutError:
        return True
    except ConnectionError:
        return False
    return data != b""


async def _dial(ep: Endpoint, settle: float) -> bool:
    """Connect; True if open. ConnectionRefusedError and OSError propagate."""
    reader, writer = await asyncio.open_connection(ep.host, ep.port)
    try:
        return await _stays_open(reader, settle) if ep.forwarded else True
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def tcp_socket(action: TCPSocketAction, ctx: HandlerContext, timeout: float) -> Outcome:
    """Open a TCP connection to the port: success if it opens within the timeout."""
    try:
        port = resolve_port(action.port, ctx.ports)
    except PortError as exc:
        return Outcome.errored(str(exc))
    host = action.host or ctx.pod_ip
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    settle = min(TCP_SETTLE, timeout / 2)
    try:
        async with asyncio.timeout(timeout):
            for attempt in range(2):
                ep = await endpoint(ctx, host, port)
                try:
                    if await _dial(ep, settle):
                        return Outcome.ok()
                    return Outcome.failed(f"dial tcp {where}: connect: connection refused")
                except ConnectionRefusedError:
                    if ep.forwarded and attempt == 0:
                        await ep.invalidate()  # the forward is gone (new sandbox?)
                        continue
                    return Outcome.failed(f"dial tcp {where}: connect: connection refused")
                except OSError as exc:
                    return Outcome.failed(f"dial tcp {where}: connect: {exc.strerror or exc}")
    except TimeoutError:
        return Outcome.failed(f"dial tcp {where}: i/o timeout")
    except ForwardError as exc:
        return Outcome.errored(str(exc))
    return Outcome.failed(f"dial tcp {where}: connect: connection refused")


async def grpc_probe(action: GRPCAction, ctx: HandlerContext, timeout: float) -> Outcome:
    """Not supported: the gRPC health protocol needs HTTP/2, and podd has no
    HTTP/2 client (httpx's needs the h2 package). An error outcome: reported
    on every run, never counted, so the result stays at its initial value."""
    return Outcome.errored(GRPC_UNSUPPORTED)


async def run_probe(probe: Probe, ctx: HandlerContext, timeout: float) -> Outcome:
    """Run the probe's one handler once."""
    if probe.exec is not None:
        return await exec_action(probe.exec, ctx, timeout)
    if probe.http_get is not None:
        return await http_get(probe.http_get, ctx, timeout)
    if probe.tcp_socket is not None:
        return await tcp_socket(probe.tcp_socket, ctx, timeout)
    if probe.grpc is not None:
        return await grpc_probe(probe.grpc, ctx, timeout)
    return Outcome.errored("probe has no handler")


async def sleep_action(action: SleepAction, timeout: float) -> Outcome:
    """Sleep ``seconds``; cut at ``timeout`` (the rest of the grace period for preStop)."""
    seconds = max(action.seconds, 0)
    if seconds > timeout:
        await asyncio.sleep(max(timeout, 0))
        return Outcome.failed(f"sleep of {seconds}s cut short after {timeout:g}s")
    await asyncio.sleep(seconds)
    return Outcome.ok()


async def run_lifecycle_handler(
    handler: LifecycleHandler, ctx: HandlerContext, timeout: float
) -> Outcome:
    """Run a postStart/preStop hook within ``timeout`` seconds.

    exec: exit 0 passes; httpGet: any HTTP answer passes (transport errors
    fail; HTTPS falls back to HTTP), ``User-Agent: kube-lifecycle/1.32``;
    sleep: waits. tcpSocket is accepted by the API but, as in the kubelet,
    fails at run time: Kubernetes never implemented it for hooks.
    """
    if handler.exec is not None:
        return await exec_action(handler.exec, ctx, timeout)
    if handler.http_get is not None:
        return await http_hook(handler.http_get, ctx, timeout)
    if handler.sleep is not None:
        return await sleep_action(handler.sleep, timeout)
    if handler.tcp_socket is not None:
        return Outcome.failed(
            "invalid handler: tcpSocket is not supported as a lifecycle hook (deprecated)"
        )
    return Outcome.failed("invalid handler: no action set")
