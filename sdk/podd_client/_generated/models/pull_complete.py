from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pull_complete_type import PullCompleteType, check_pull_complete_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="PullComplete")


@_attrs_define
class PullComplete:
    """The last event of a successful pull.

    Attributes:
        type_ (PullCompleteType):
        reference (str):
        image_id (str):
        manifest_digest (str):
        size (int | Unset):  Default: 0.
    """

    type_: PullCompleteType
    reference: str
    image_id: str
    manifest_digest: str
    size: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        reference = self.reference

        image_id = self.image_id

        manifest_digest = self.manifest_digest

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "reference": reference,
                "image_id": image_id,
                "manifest_digest": manifest_digest,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_pull_complete_type(d.pop("type"))

        reference = d.pop("reference")

        image_id = d.pop("image_id")

        manifest_digest = d.pop("manifest_digest")

        size = d.pop("size", UNSET)

        pull_complete = cls(
            type_=type_,
            reference=reference,
            image_id=image_id,
            manifest_digest=manifest_digest,
            size=size,
        )

        pull_complete.additional_properties = d
        return pull_complete

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
