from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceCondition")


@_attrs_define
class ServiceCondition:
    """A ``metav1.Condition``.

    Attributes:
        type_ (str | Unset):
        status (str | Unset):
        observed_generation (int | None | Unset):
        last_transition_time (str | Unset):
        reason (str | Unset):
        message (str | Unset):
    """

    type_: str | Unset = UNSET
    status: str | Unset = UNSET
    observed_generation: int | None | Unset = UNSET
    last_transition_time: str | Unset = UNSET
    reason: str | Unset = UNSET
    message: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        status = self.status

        observed_generation: int | None | Unset
        if isinstance(self.observed_generation, Unset):
            observed_generation = UNSET
        else:
            observed_generation = self.observed_generation

        last_transition_time = self.last_transition_time

        reason = self.reason

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if observed_generation is not UNSET:
            field_dict["observedGeneration"] = observed_generation
        if last_transition_time is not UNSET:
            field_dict["lastTransitionTime"] = last_transition_time
        if reason is not UNSET:
            field_dict["reason"] = reason
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        status = d.pop("status", UNSET)

        def _parse_observed_generation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        observed_generation = _parse_observed_generation(d.pop("observedGeneration", UNSET))

        last_transition_time = d.pop("lastTransitionTime", UNSET)

        reason = d.pop("reason", UNSET)

        message = d.pop("message", UNSET)

        service_condition = cls(
            type_=type_,
            status=status,
            observed_generation=observed_generation,
            last_transition_time=last_transition_time,
            reason=reason,
            message=message,
        )

        return service_condition
