from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GRPCAction")


@_attrs_define
class GRPCAction:
    """
    Attributes:
        port (int | Unset):  Default: 0.
        service (None | str | Unset):
    """

    port: int | Unset = 0
    service: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        port = self.port

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if port is not UNSET:
            field_dict["port"] = port
        if service is not UNSET:
            field_dict["service"] = service

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        port = d.pop("port", UNSET)

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        grpc_action = cls(
            port=port,
            service=service,
        )

        return grpc_action
