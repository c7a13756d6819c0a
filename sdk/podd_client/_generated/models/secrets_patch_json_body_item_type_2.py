from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.secrets_patch_json_body_item_type_2_op import (
    SecretsPatchJsonBodyItemType2Op,
    check_secrets_patch_json_body_item_type_2_op,
)

T = TypeVar("T", bound="SecretsPatchJsonBodyItemType2")


@_attrs_define
class SecretsPatchJsonBodyItemType2:
    """
    Attributes:
        op (SecretsPatchJsonBodyItemType2Op):
        from_ (str):
        path (str):
    """

    op: SecretsPatchJsonBodyItemType2Op
    from_: str
    path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        op: str = self.op

        from_ = self.from_

        path = self.path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "op": op,
                "from": from_,
                "path": path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        op = check_secrets_patch_json_body_item_type_2_op(d.pop("op"))

        from_ = d.pop("from")

        path = d.pop("path")

        secrets_patch_json_body_item_type_2 = cls(
            op=op,
            from_=from_,
            path=path,
        )

        secrets_patch_json_body_item_type_2.additional_properties = d
        return secrets_patch_json_body_item_type_2

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
