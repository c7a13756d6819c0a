from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.port_forward_protocol import (
    PortForwardProtocol,
    check_port_forward_protocol,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PortForward")


@_attrs_define
class PortForward:
    """A containerPort with a hostPort: hostIP:hostPort → pod:containerPort.

    Attributes:
        host_port (int):
        container_port (int):
        protocol (PortForwardProtocol | Unset):  Default: 'TCP'.
        host_ip (str | Unset):  Default: '127.0.0.1'.
    """

    host_port: int
    container_port: int
    protocol: PortForwardProtocol | Unset = "TCP"
    host_ip: str | Unset = "127.0.0.1"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        host_port = self.host_port

        container_port = self.container_port

        protocol: str | Unset = UNSET
        if not isinstance(self.protocol, Unset):
            protocol = self.protocol

        host_ip = self.host_ip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "host_port": host_port,
                "container_port": container_port,
            }
        )
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if host_ip is not UNSET:
            field_dict["host_ip"] = host_ip

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        host_port = d.pop("host_port")

        container_port = d.pop("container_port")

        _protocol = d.pop("protocol", UNSET)
        protocol: PortForwardProtocol | Unset
        if isinstance(_protocol, Unset):
            protocol = UNSET
        else:
            protocol = check_port_forward_protocol(_protocol)

        host_ip = d.pop("host_ip", UNSET)

        port_forward = cls(
            host_port=host_port,
            container_port=container_port,
            protocol=protocol,
            host_ip=host_ip,
        )

        port_forward.additional_properties = d
        return port_forward

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
