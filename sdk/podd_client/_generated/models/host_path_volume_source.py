from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HostPathVolumeSource")


@_attrs_define
class HostPathVolumeSource:
    """
    Attributes:
        path (str | Unset):  Default: ''.
        type_ (None | str | Unset):
    """

    path: str | Unset = ""
    type_: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        path = d.pop("path", UNSET)

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        host_path_volume_source = cls(
            path=path,
            type_=type_,
        )

        return host_path_volume_source
