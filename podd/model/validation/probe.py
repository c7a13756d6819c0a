"""Probe and lifecycle-hook rules."""

from __future__ import annotations

import re
import signal

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.names import is_http_header_name, is_valid_port_name
from podd.model.probe import (
    ExecAction,
    GRPCAction,
    HTTPGetAction,
    Lifecycle,
    LifecycleHandler,
    Probe,
    SleepAction,
    TCPSocketAction,
)

__all__ = [
    "nonnegative",
    "port_range_error",
    "validate_lifecycle",
    "validate_port_num_or_name",
    "validate_probe",
]

PORT_RANGE = "must be between 1 and 65535, inclusive"
_SIGNALS = frozenset(s.name for s in signal.Signals)
_RT_SIGNAL = re.compile(r"SIGRTMIN\+([1-9]|1[0-5])|SIGRTMAX-([1-9]|1[0-4])")


def port_range_error(port: int) -> list[str]:
    return [] if 1 <= port <= 65535 else [PORT_RANGE]


def nonnegative(value: int | None, path: Path) -> list[StatusCause]:
    if value is not None and value < 0:
        return [f.invalid(path, value, "must be greater than or equal to 0")]
    return []


def validate_port_num_or_name(port: int | str, path: Path) -> list[StatusCause]:
    if isinstance(port, int):
        return [f.invalid(path, port, msg) for msg in port_range_error(port)]
    return [f.invalid(path, port, msg) for msg in is_valid_port_name(port)]


def _validate_exec(action: ExecAction, path: Path) -> list[StatusCause]:
    return [] if action.command else [f.required(path.child("command"))]


def _validate_http_get(action: HTTPGetAction, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if action.path is not None and not action.path:
        errs.append(f.required(path.child("path")))
    errs.extend(validate_port_num_or_name(action.port, path.child("port")))
    if action.scheme is not None and action.scheme not in ("HTTP", "HTTPS"):
        errs.append(f.not_supported(path.child("scheme"), action.scheme, ["HTTP", "HTTPS"]))
    for header in action.http_headers or ():
        errs.extend(
            f.invalid(path.child("httpHeaders"), header.name, msg)
            for msg in is_http_header_name(header.name)
        )
    return errs


def _validate_tcp(action: TCPSocketAction, path: Path) -> list[StatusCause]:
    return validate_port_num_or_name(action.port, path.child("port"))


def _validate_grpc(action: GRPCAction, path: Path) -> list[StatusCause]:
    return validate_port_num_or_name(action.port, path.child("port"))


def _validate_sleep(action: SleepAction, path: Path, grace_period: int) -> list[StatusCause]:
    if action.seconds <= 0 or action.seconds > grace_period:
        detail = (
            f"must be greater than 0 and less than terminationGracePeriodSeconds ({grace_period})"
        )
        return [f.invalid(path.child("seconds"), action.seconds, detail)]
    return []


def _validate_handler(
    handler: Probe | LifecycleHandler, path: Path, grace_period: int
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    names = handler.handler_names()
    if not names:
        return [f.required(path, "must specify a handler type")]
    errs.extend(
        f.forbidden(path.child(extra), "may not specify more than 1 handler type")
        for extra in names[1:]
    )
    first = names[0]
    if first == "exec" and handler.exec is not None:
        errs.extend(_validate_exec(handler.exec, path.child("exec")))
    elif first == "httpGet" and handler.http_get is not None:
        errs.extend(_validate_http_get(handler.http_get, path.child("httpGet")))
    elif first == "tcpSocket" and handler.tcp_socket is not None:
        errs.extend(_validate_tcp(handler.tcp_socket, path.child("tcpSocket")))
    elif first == "grpc" and isinstance(handler, Probe) and handler.grpc is not None:
        errs.extend(_validate_grpc(handler.grpc, path.child("grpc")))
    elif first == "sleep" and isinstance(handler, LifecycleHandler) and handler.sleep is not None:
        errs.extend(_validate_sleep(handler.sleep, path.child("sleep"), grace_period))
    return errs


def validate_probe(probe: Probe, path: Path, *, kind: str, grace_period: int) -> list[StatusCause]:
    """``kind`` is ``liveness``, ``readiness`` or ``startup``."""
    errs = _validate_handler(probe, path, grace_period)
    for attr, wire in (
        ("initial_delay_seconds", "initialDelaySeconds"),
        ("timeout_seconds", "timeoutSeconds"),
        ("period_seconds", "periodSeconds"),
        ("success_threshold", "successThreshold"),
        ("failure_threshold", "failureThreshold"),
    ):
        errs.extend(nonnegative(getattr(probe, attr), path.child(wire)))
    tgps = probe.termination_grace_period_seconds
    if kind == "readiness":
        if tgps is not None:
            errs.append(
                f.invalid(
                    path.child("terminationGracePeriodSeconds"),
                    tgps,
                    "must not be set for readinessProbes",
                )
            )
    else:
        if tgps is not None and tgps <= 0:
            errs.append(
                f.invalid(
                    path.child("terminationGracePeriodSeconds"), tgps, "must be greater than 0"
                )
            )
        if probe.success_threshold is not None and probe.success_threshold != 1:
            errs.append(
                f.invalid(path.child("successThreshold"), probe.success_threshold, "must be 1")
            )
    return errs


def validate_lifecycle(lifecycle: Lifecycle, path: Path, grace_period: int) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if lifecycle.post_start is not None:
        errs.extend(_validate_handler(lifecycle.post_start, path.child("postStart"), grace_period))
    if lifecycle.pre_stop is not None:
        errs.extend(_validate_handler(lifecycle.pre_stop, path.child("preStop"), grace_period))
    sig = lifecycle.stop_signal
    if sig is not None and sig not in _SIGNALS and not _RT_SIGNAL.fullmatch(sig):
        errs.append(f.invalid(path.child("stopSignal"), sig, "must be a valid Linux signal name"))
    return errs
