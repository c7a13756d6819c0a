from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exec_action import ExecAction
    from ..models.http_get_action import HTTPGetAction
    from ..models.sleep_action import SleepAction
    from ..models.tcp_socket_action import TCPSocketAction


T = TypeVar("T", bound="LifecycleHandler")


@_attrs_define
class LifecycleHandler:
    """A postStart/preStop hook: exactly one of exec, httpGet, tcpSocket, sleep.

    Attributes:
        exec_ (ExecAction | None | Unset):
        http_get (HTTPGetAction | None | Unset):
        tcp_socket (None | TCPSocketAction | Unset):
        sleep (None | SleepAction | Unset):
    """

    exec_: ExecAction | None | Unset = UNSET
    http_get: HTTPGetAction | None | Unset = UNSET
    tcp_socket: None | TCPSocketAction | Unset = UNSET
    sleep: None | SleepAction | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exec_action import ExecAction
        from ..models.http_get_action import HTTPGetAction
        from ..models.sleep_action import SleepAction
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

        sleep: dict[str, Any] | None | Unset
        if isinstance(self.sleep, Unset):
            sleep = UNSET
        elif isinstance(self.sleep, SleepAction):
            sleep = self.sleep.to_dict()
        else:
            sleep = self.sleep

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if exec_ is not UNSET:
            field_dict["exec"] = exec_
        if http_get is not UNSET:
            field_dict["httpGet"] = http_get
        if tcp_socket is not UNSET:
            field_dict["tcpSocket"] = tcp_socket
        if sleep is not UNSET:
            field_dict["sleep"] = sleep

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exec_action import ExecAction
        from ..models.http_get_action import HTTPGetAction
        from ..models.sleep_action import SleepAction
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

        def _parse_sleep(data: object) -> None | SleepAction | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sleep_type_0 = SleepAction.from_dict(data)

                return sleep_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SleepAction | Unset, data)

        sleep = _parse_sleep(d.pop("sleep", UNSET))

        lifecycle_handler = cls(
            exec_=exec_,
            http_get=http_get,
            tcp_socket=tcp_socket,
            sleep=sleep,
        )

        return lifecycle_handler
