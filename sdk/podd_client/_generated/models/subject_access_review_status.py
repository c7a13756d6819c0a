from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubjectAccessReviewStatus")


@_attrs_define
class SubjectAccessReviewStatus:
    """The answer: whether the request is allowed, and why.

    Attributes:
        allowed (bool | Unset):
        denied (bool | None | Unset):
        reason (None | str | Unset):
        evaluation_error (None | str | Unset):
    """

    allowed: bool | Unset = UNSET
    denied: bool | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    evaluation_error: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed = self.allowed

        denied: bool | None | Unset
        if isinstance(self.denied, Unset):
            denied = UNSET
        else:
            denied = self.denied

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        evaluation_error: None | str | Unset
        if isinstance(self.evaluation_error, Unset):
            evaluation_error = UNSET
        else:
            evaluation_error = self.evaluation_error

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed is not UNSET:
            field_dict["allowed"] = allowed
        if denied is not UNSET:
            field_dict["denied"] = denied
        if reason is not UNSET:
            field_dict["reason"] = reason
        if evaluation_error is not UNSET:
            field_dict["evaluationError"] = evaluation_error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        allowed = d.pop("allowed", UNSET)

        def _parse_denied(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        denied = _parse_denied(d.pop("denied", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_evaluation_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluation_error = _parse_evaluation_error(d.pop("evaluationError", UNSET))

        subject_access_review_status = cls(
            allowed=allowed,
            denied=denied,
            reason=reason,
            evaluation_error=evaluation_error,
        )

        return subject_access_review_status
