"""Probes and lifecycle hooks: the handler actions they share."""

from __future__ import annotations

from podd.model.base import K8sStruct, always

__all__ = [
    "ExecAction",
    "GRPCAction",
    "HTTPGetAction",
    "HTTPHeader",
    "Lifecycle",
    "LifecycleHandler",
    "Probe",
    "SleepAction",
    "TCPSocketAction",
]


class ExecAction(K8sStruct):
    command: list[str] | None = None


class HTTPHeader(K8sStruct):
    name: str = always("")
    value: str = always("")


class HTTPGetAction(K8sStruct):
    """GET ``scheme://host:port/path``; ``port`` is a number or a named container port."""

    path: str | None = None
    port: int | str = 0
    host: str | None = None
    scheme: str | None = None
    http_headers: list[HTTPHeader] | None = None


class TCPSocketAction(K8sStruct):
    port: int | str = 0
    host: str | None = None


class GRPCAction(K8sStruct):
    port: int = 0
    service: str | None = None


class SleepAction(K8sStruct):
    seconds: int = always(0)


class Probe(K8sStruct):
    """A health check: exactly one handler plus timing and thresholds."""

    exec: ExecAction | None = None
    http_get: HTTPGetAction | None = None
    tcp_socket: TCPSocketAction | None = None
    grpc: GRPCAction | None = None
    initial_delay_seconds: int | None = None
    timeout_seconds: int | None = None
    period_seconds: int | None = None
    success_threshold: int | None = None
    failure_threshold: int | None = None
    termination_grace_period_seconds: int | None = None

    def handler_names(self) -> list[str]:
        """Wire names of the handlers set (validation wants exactly one)."""
        return [
            name
            for name, value in (
                ("exec", self.exec),
                ("httpGet", self.http_get),
                ("tcpSocket", self.tcp_socket),
                ("grpc", self.grpc),
            )
            if value is not None
        ]


class LifecycleHandler(K8sStruct):
    """A postStart/preStop hook: exactly one of exec, httpGet, tcpSocket, sleep."""

    exec: ExecAction | None = None
    http_get: HTTPGetAction | None = None
    tcp_socket: TCPSocketAction | None = None
    sleep: SleepAction | None = None

    def handler_names(self) -> list[str]:
        return [
            name
            for name, value in (
                ("exec", self.exec),
                ("httpGet", self.http_get),
                ("tcpSocket", self.tcp_socket),
                ("sleep", self.sleep),
            )
            if value is not None
        ]


class Lifecycle(K8sStruct):
    post_start: LifecycleHandler | None = None
    pre_stop: LifecycleHandler | None = None
    stop_signal: str | None = None
