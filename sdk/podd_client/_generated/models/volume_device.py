from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VolumeDevice")


@_attrs_define
class VolumeDevice:
    """
    Attributes:
        name (str | Unset):  Default: ''.
        device_path (str | Unset):  Default: ''.
    """

    name: str | Unset = ""
    device_path: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        device_path = self.device_path

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if device_path is not UNSET:
            field_dict["devicePath"] = device_path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        device_path = d.pop("devicePath", UNSET)

        volume_device = cls(
            name=name,
            device_path=device_path,
        )

        return volume_device
