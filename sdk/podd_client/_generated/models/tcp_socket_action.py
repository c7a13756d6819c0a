from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TCPSocketAction")


@_attrs_define
class TCPSocketAction:
    """
    Attributes:
        port (int | str | Unset):  Default: 0.
        host (None | str | Unset):
    """

    port: int | str | Unset = 0
    host: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        port: int | str | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        host: None | str | Unset
        if isinstance(self.host, Unset):
            host = UNSET
        else:
            host = self.host

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if port is not UNSET:
            field_dict["port"] = port
        if host is not UNSET:
            field_dict["host"] = host

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_port(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        def _parse_host(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        host = _parse_host(d.pop("host", UNSET))

        tcp_socket_action = cls(
            port=port,
            host=host,
        )

        return tcp_socket_action
