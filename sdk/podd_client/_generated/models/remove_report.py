from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoveReport")


@_attrs_define
class RemoveReport:
    """What a remove or prune did.

    Attributes:
        untagged (list[str] | Unset):
        deleted (list[str] | Unset):
        blobs_removed (int | Unset):  Default: 0.
        layers_removed (int | Unset):  Default: 0.
        bytes_freed (int | Unset):  Default: 0.
    """

    untagged: list[str] | Unset = UNSET
    deleted: list[str] | Unset = UNSET
    blobs_removed: int | Unset = 0
    layers_removed: int | Unset = 0
    bytes_freed: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        untagged: list[str] | Unset = UNSET
        if not isinstance(self.untagged, Unset):
            untagged = self.untagged

        deleted: list[str] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = self.deleted

        blobs_removed = self.blobs_removed

        layers_removed = self.layers_removed

        bytes_freed = self.bytes_freed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if untagged is not UNSET:
            field_dict["untagged"] = untagged
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if blobs_removed is not UNSET:
            field_dict["blobs_removed"] = blobs_removed
        if layers_removed is not UNSET:
            field_dict["layers_removed"] = layers_removed
        if bytes_freed is not UNSET:
            field_dict["bytes_freed"] = bytes_freed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        untagged = cast(list[str], d.pop("untagged", UNSET))

        deleted = cast(list[str], d.pop("deleted", UNSET))

        blobs_removed = d.pop("blobs_removed", UNSET)

        layers_removed = d.pop("layers_removed", UNSET)

        bytes_freed = d.pop("bytes_freed", UNSET)

        remove_report = cls(
            untagged=untagged,
            deleted=deleted,
            blobs_removed=blobs_removed,
            layers_removed=layers_removed,
            bytes_freed=bytes_freed,
        )

        remove_report.additional_properties = d
        return remove_report

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
