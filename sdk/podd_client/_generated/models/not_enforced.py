from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotEnforced")


@_attrs_define
class NotEnforced:
    """A limit that could not be applied, and why (event LimitNotEnforced).

    Attributes:
        resource (str):
        controller (str):
        value (str):
        reason (str):
        asked (bool | Unset):  Default: True.
    """

    resource: str
    controller: str
    value: str
    reason: str
    asked: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource = self.resource

        controller = self.controller

        value = self.value

        reason = self.reason

        asked = self.asked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resource": resource,
                "controller": controller,
                "value": value,
                "reason": reason,
            }
        )
        if asked is not UNSET:
            field_dict["asked"] = asked

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        resource = d.pop("resource")

        controller = d.pop("controller")

        value = d.pop("value")

        reason = d.pop("reason")

        asked = d.pop("asked", UNSET)

        not_enforced = cls(
            resource=resource,
            controller=controller,
            value=value,
            reason=reason,
            asked=asked,
        )

        not_enforced.additional_properties = d
        return not_enforced

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
