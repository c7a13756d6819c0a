from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LayerRecord")


@_attrs_define
class LayerRecord:
    """One layer: compressed blob digest, diff_id (= its unpacked dir), sizes.

    Attributes:
        digest (str):
        diff_id (str):
        size (int):
        media_type (str):
        uncompressed_size (int | Unset):  Default: 0.
    """

    digest: str
    diff_id: str
    size: int
    media_type: str
    uncompressed_size: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        digest = self.digest

        diff_id = self.diff_id

        size = self.size

        media_type = self.media_type

        uncompressed_size = self.uncompressed_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "digest": digest,
                "diff_id": diff_id,
                "size": size,
                "media_type": media_type,
            }
        )
        if uncompressed_size is not UNSET:
            field_dict["uncompressed_size"] = uncompressed_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        digest = d.pop("digest")

        diff_id = d.pop("diff_id")

        size = d.pop("size")

        media_type = d.pop("media_type")

        uncompressed_size = d.pop("uncompressed_size", UNSET)

        layer_record = cls(
            digest=digest,
            diff_id=diff_id,
            size=size,
            media_type=media_type,
            uncompressed_size=uncompressed_size,
        )

        layer_record.additional_properties = d
        return layer_record

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
