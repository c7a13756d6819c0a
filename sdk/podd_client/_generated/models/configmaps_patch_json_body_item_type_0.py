from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.configmaps_patch_json_body_item_type_0_op import (
    ConfigmapsPatchJsonBodyItemType0Op,
    check_configmaps_patch_json_body_item_type_0_op,
)

T = TypeVar("T", bound="ConfigmapsPatchJsonBodyItemType0")


@_attrs_define
class ConfigmapsPatchJsonBodyItemType0:
    """
    Attributes:
        op (ConfigmapsPatchJsonBodyItemType0Op):
        path (str):
        value (Any):
    """

    op: ConfigmapsPatchJsonBodyItemType0Op
    path: str
    value: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        op: str = self.op

        path = self.path

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "op": op,
                "path": path,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        op = check_configmaps_patch_json_body_item_type_0_op(d.pop("op"))

        path = d.pop("path")

        value = d.pop("value")

        configmaps_patch_json_body_item_type_0 = cls(
            op=op,
            path=path,
            value=value,
        )

        configmaps_patch_json_body_item_type_0.additional_properties = d
        return configmaps_patch_json_body_item_type_0

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
