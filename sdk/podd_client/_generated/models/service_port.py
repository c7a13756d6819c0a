from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServicePort")


@_attrs_define
class ServicePort:
    """
    Attributes:
        name (None | str | Unset):
        protocol (None | str | Unset):
        app_protocol (None | str | Unset):
        port (int | Unset):
        target_port (int | None | str | Unset):
        node_port (int | None | Unset):
    """

    name: None | str | Unset = UNSET
    protocol: None | str | Unset = UNSET
    app_protocol: None | str | Unset = UNSET
    port: int | Unset = UNSET
    target_port: int | None | str | Unset = UNSET
    node_port: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        protocol: None | str | Unset
        if isinstance(self.protocol, Unset):
            protocol = UNSET
        else:
            protocol = self.protocol

        app_protocol: None | str | Unset
        if isinstance(self.app_protocol, Unset):
            app_protocol = UNSET
        else:
            app_protocol = self.app_protocol

        port = self.port

        target_port: int | None | str | Unset
        if isinstance(self.target_port, Unset):
            target_port = UNSET
        else:
            target_port = self.target_port

        node_port: int | None | Unset
        if isinstance(self.node_port, Unset):
            node_port = UNSET
        else:
            node_port = self.node_port

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if app_protocol is not UNSET:
            field_dict["appProtocol"] = app_protocol
        if port is not UNSET:
            field_dict["port"] = port
        if target_port is not UNSET:
            field_dict["targetPort"] = target_port
        if node_port is not UNSET:
            field_dict["nodePort"] = node_port

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

        def _parse_protocol(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        protocol = _parse_protocol(d.pop("protocol", UNSET))

        def _parse_app_protocol(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        app_protocol = _parse_app_protocol(d.pop("appProtocol", UNSET))

        port = d.pop("port", UNSET)

        def _parse_target_port(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        target_port = _parse_target_port(d.pop("targetPort", UNSET))

        def _parse_node_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        node_port = _parse_node_port(d.pop("nodePort", UNSET))

        service_port = cls(
            name=name,
            protocol=protocol,
            app_protocol=app_protocol,
            port=port,
            target_port=target_port,
            node_port=node_port,
        )

        return service_port
