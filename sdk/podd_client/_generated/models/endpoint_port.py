from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointPort")


@_attrs_define
class EndpointPort:
    """
    Attributes:
        name (None | str | Unset):
        port (int | Unset):
        protocol (None | str | Unset):
        app_protocol (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    port: int | Unset = UNSET
    protocol: None | str | Unset = UNSET
    app_protocol: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        port = self.port

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if port is not UNSET:
            field_dict["port"] = port
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if app_protocol is not UNSET:
            field_dict["appProtocol"] = app_protocol

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

        port = d.pop("port", UNSET)

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

        endpoint_port = cls(
            name=name,
            port=port,
            protocol=protocol,
            app_protocol=app_protocol,
        )

        return endpoint_port
