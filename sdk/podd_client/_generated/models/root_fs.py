from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RootFS")


@_attrs_define
class RootFS:
    """The uncompressed layer digests (diff_ids), bottom first.

    Attributes:
        diff_ids (list[str] | Unset):
        type_ (str | Unset):  Default: 'layers'.
    """

    diff_ids: list[str] | Unset = UNSET
    type_: str | Unset = "layers"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        diff_ids: list[str] | Unset = UNSET
        if not isinstance(self.diff_ids, Unset):
            diff_ids = self.diff_ids

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if diff_ids is not UNSET:
            field_dict["diff_ids"] = diff_ids
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        diff_ids = cast(list[str], d.pop("diff_ids", UNSET))

        type_ = d.pop("type", UNSET)

        root_fs = cls(
            diff_ids=diff_ids,
            type_=type_,
        )

        root_fs.additional_properties = d
        return root_fs

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
