from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pull_failed_type import PullFailedType, check_pull_failed_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="PullFailed")


@_attrs_define
class PullFailed:
    """The last event of a failed pull.

    Attributes:
        type_ (PullFailedType):
        reference (str):
        reason (str):
        message (str):
        retryable (bool | Unset):  Default: False.
    """

    type_: PullFailedType
    reference: str
    reason: str
    message: str
    retryable: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        reference = self.reference

        reason = self.reason

        message = self.message

        retryable = self.retryable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "reference": reference,
                "reason": reason,
                "message": message,
            }
        )
        if retryable is not UNSET:
            field_dict["retryable"] = retryable

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_pull_failed_type(d.pop("type"))

        reference = d.pop("reference")

        reason = d.pop("reason")

        message = d.pop("message")

        retryable = d.pop("retryable", UNSET)

        pull_failed = cls(
            type_=type_,
            reference=reference,
            reason=reason,
            message=message,
            retryable=retryable,
        )

        pull_failed.additional_properties = d
        return pull_failed

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
