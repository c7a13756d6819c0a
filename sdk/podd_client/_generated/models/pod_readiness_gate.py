from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PodReadinessGate")


@_attrs_define
class PodReadinessGate:
    """
    Attributes:
        condition_type (str | Unset):
    """

    condition_type: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        condition_type = self.condition_type

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if condition_type is not UNSET:
            field_dict["conditionType"] = condition_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        condition_type = d.pop("conditionType", UNSET)

        pod_readiness_gate = cls(
            condition_type=condition_type,
        )

        return pod_readiness_gate
