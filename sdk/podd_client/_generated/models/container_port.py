from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerPort")


@_attrs_define
class ContainerPort:
    """
    Attributes:
        name (None | str | Unset):
        host_port (int | None | Unset):
        container_port (int | Unset):  Default: 0.
        protocol (None | str | Unset):
        host_ip (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    host_port: int | None | Unset = UNSET
    container_port: int | Unset = 0
    protocol: None | str | Unset = UNSET
    host_ip: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        host_port: int | None | Unset
        if isinstance(self.host_port, Unset):
            host_port = UNSET
        else:
            host_port = self.host_port

        container_port = self.container_port

        protocol: None | str | Unset
        if isinstance(self.protocol, Unset):
            protocol = UNSET
        else:
            protocol = self.protocol

        host_ip: None | str | Unset
        if isinstance(self.host_ip, Unset):
            host_ip = UNSET
        else:
            host_ip = self.host_ip

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if host_port is not UNSET:
            field_dict["hostPort"] = host_port
        if container_port is not UNSET:
            field_dict["containerPort"] = container_port
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if host_ip is not UNSET:
            field_dict["hostIP"] = host_ip

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_host_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        host_port = _parse_host_port(d.pop("hostPort", UNSET))

        container_port = d.pop("containerPort", UNSET)

        def _parse_protocol(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        protocol = _parse_protocol(d.pop("protocol", UNSET))

        def _parse_host_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        host_ip = _parse_host_ip(d.pop("hostIP", UNSET))

        container_port = cls(
            name=name,
            host_port=host_port,
            container_port=container_port,
            protocol=protocol,
            host_ip=host_ip,
        )

        return container_port
