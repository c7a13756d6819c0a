from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exec_action import ExecAction
    from ..models.grpc_action import GRPCAction
    from ..models.http_get_action import HTTPGetAction
    from ..models.tcp_socket_action import TCPSocketAction


T = TypeVar("T", bound="Probe")


@_attrs_define
class Probe:
    """A health check: exactly one handler plus timing and thresholds.

    Attributes:
        exec_ (ExecAction | None | Unset):
        http_get (HTTPGetAction | None | Unset):
        tcp_socket (None | TCPSocketAction | Unset):
        grpc (GRPCAction | None | Unset):
        initial_delay_seconds (int | None | Unset):
        timeout_seconds (int | None | Unset):
        period_seconds (int | None | Unset):
        success_threshold (int | None | Unset):
        failure_threshold (int | None | Unset):
        termination_grace_period_seconds (int | None | Unset):
    """

    exec_: ExecAction | None | Unset = UNSET
    http_get: HTTPGetAction | None | Unset = UNSET
    tcp_socket: None | TCPSocketAction | Unset = UNSET
    grpc: GRPCAction | None | Unset = UNSET
    initial_delay_seconds: int | None | Unset = UNSET
    timeout_seconds: int | None | Unset = UNSET
    period_seconds: int | None | Unset = UNSET
    success_threshold: int | None | Unset = UNSET
    failure_threshold: int | None | Unset = UNSET
    termination_grace_period_seconds: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exec_action import ExecAction
        from ..models.grpc_action import GRPCAction
        from ..models.http_get_action import HTTPGetAction
        from ..models.tcp_socket_action import TCPSocketAction

        exec_: dict[str, Any] | None | Unset
        if isinstance(self.exec_, Unset):
            exec_ = UNSET
        elif isinstance(self.exec_, ExecAction):
            exec_ = self.exec_.to_dict()
        else:
            exec_ = self.exec_

        http_get: dict[str, Any] | None | Unset
        if isinstance(self.http_get, Unset):
            http_get = UNSET
        elif isinstance(self.http_get, HTTPGetAction):
            http_get = self.http_get.to_dict()
        else:
            http_get = self.http_get

        tcp_socket: dict[str, Any] | None | Unset
        if isinstance(self.tcp_socket, Unset):
            tcp_socket = UNSET
        elif isinstance(self.tcp_socket, TCPSocketAction):
            tcp_socket = self.tcp_socket.to_dict()
        else:
            tcp_socket = self.tcp_socket

        grpc: dict[str, Any] | None | Unset
        if isinstance(self.grpc, Unset):
            grpc = UNSET
        elif isinstance(self.grpc, GRPCAction):
            grpc = self.grpc.to_dict()
        else:
            grpc = self.grpc

        initial_delay_seconds: int | None | Unset
        if isinstance(self.initial_delay_seconds, Unset):
            initial_delay_seconds = UNSET
        else:
            initial_delay_seconds = self.initial_delay_seconds

        timeout_seconds: int | None | Unset
        if isinstance(self.timeout_seconds, Unset):
            timeout_seconds = UNSET
        else:
            timeout_seconds = self.timeout_seconds

        period_seconds: int | None | Unset
        if isinstance(self.period_seconds, Unset):
            period_seconds = UNSET
        else:
            period_seconds = self.period_seconds

        success_threshold: int | None | Unset
        if isinstance(self.success_threshold, Unset):
            success_threshold = UNSET
        else:
            success_threshold = self.success_threshold

        failure_threshold: int | None | Unset
        if isinstance(self.failure_threshold, Unset):
            failure_threshold = UNSET
        else:
            failure_threshold = self.failure_threshold

        termination_grace_period_seconds: int | None | Unset
        if isinstance(self.termination_grace_period_seconds, Unset):
            termination_grace_period_seconds = UNSET
        else:
            termination_grace_period_seconds = self.termination_grace_period_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if exec_ is not UNSET:
            field_dict["exec"] = exec_
        if http_get is not UNSET:
            field_dict["httpGet"] = http_get
        if tcp_socket is not UNSET:
            field_dict["tcpSocket"] = tcp_socket
        if grpc is not UNSET:
            field_dict["grpc"] = grpc
        if initial_delay_seconds is not UNSET:
            field_dict["initialDelaySeconds"] = initial_delay_seconds
        if timeout_seconds is not UNSET:
            field_dict["timeoutSeconds"] = timeout_seconds
        if period_seconds is not UNSET:
            field_dict["periodSeconds"] = period_seconds
        if success_threshold is not UNSET:
            field_dict["successThreshold"] = success_threshold
        if failure_threshold is not UNSET:
            field_dict["failureThreshold"] = failure_threshold
        if termination_grace_period_seconds is not UNSET:
            field_dict["terminationGracePeriodSeconds"] = termination_grace_period_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exec_action import ExecAction
        from ..models.grpc_action import GRPCAction
        from ..models.http_get_action import HTTPGetAction
        from ..models.tcp_socket_action import TCPSocketAction

        d = dict(src_dict)

        def _parse_exec_(data: object) -> ExecAction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exec_type_0 = ExecAction.from_dict(data)

                return exec_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecAction | None | Unset, data)

        exec_ = _parse_exec_(d.pop("exec", UNSET))

        def _parse_http_get(data: object) -> HTTPGetAction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                http_get_type_0 = HTTPGetAction.from_dict(data)

                return http_get_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HTTPGetAction | None | Unset, data)

        http_get = _parse_http_get(d.pop("httpGet", UNSET))

        def _parse_tcp_socket(data: object) -> None | TCPSocketAction | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tcp_socket_type_0 = TCPSocketAction.from_dict(data)

                return tcp_socket_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TCPSocketAction | Unset, data)

        tcp_socket = _parse_tcp_socket(d.pop("tcpSocket", UNSET))

        def _parse_grpc(data: object) -> GRPCAction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                grpc_type_0 = GRPCAction.from_dict(data)

                return grpc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GRPCAction | None | Unset, data)

        grpc = _parse_grpc(d.pop("grpc", UNSET))

        def _parse_initial_delay_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        initial_delay_seconds = _parse_initial_delay_seconds(d.pop("initialDelaySeconds", UNSET))

        def _parse_timeout_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        timeout_seconds = _parse_timeout_seconds(d.pop("timeoutSeconds", UNSET))

        def _parse_period_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        period_seconds = _parse_period_seconds(d.pop("periodSeconds", UNSET))

        def _parse_success_threshold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        success_threshold = _parse_success_threshold(d.pop("successThreshold", UNSET))

        def _parse_failure_threshold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        failure_threshold = _parse_failure_threshold(d.pop("failureThreshold", UNSET))

        def _parse_termination_grace_period_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        termination_grace_period_seconds = _parse_termination_grace_period_seconds(
            d.pop("terminationGracePeriodSeconds", UNSET)
        )

        probe = cls(
            exec_=exec_,
            http_get=http_get,
            tcp_socket=tcp_socket,
            grpc=grpc,
            initial_delay_seconds=initial_delay_seconds,
            timeout_seconds=timeout_seconds,
            period_seconds=period_seconds,
            success_threshold=success_threshold,
            failure_threshold=failure_threshold,
            termination_grace_period_seconds=termination_grace_period_seconds,
        )

        return probe
