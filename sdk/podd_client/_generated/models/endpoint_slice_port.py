from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointSlicePort")


@_attrs_define
class EndpointSlicePort:
    """Every field a pointer in Go: the controller sets ``name`` to ``""``.

    Attributes:
        name (None | str | Unset):
        protocol (None | str | Unset):
        port (int | None | Unset):
        app_protocol (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    protocol: None | str | Unset = UNSET
    port: int | None | Unset = UNSET
    app_protocol: None | str | Unset = UNSET

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

        port: int | None | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        app_protocol: None | str | Unset
        if isinstance(self.app_protocol, Unset):
            app_protocol = UNSET
        else:
            app_protocol = self.app_protocol

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if port is not UNSET:
            field_dict["port"] = port
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

        def _parse_protocol(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        protocol = _parse_protocol(d.pop("protocol", UNSET))

        def _parse_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        def _parse_app_protocol(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        app_protocol = _parse_app_protocol(d.pop("appProtocol", UNSET))

        endpoint_slice_port = cls(
            name=name,
            protocol=protocol,
            port=port,
            app_protocol=app_protocol,
        )

        return endpoint_slice_port
