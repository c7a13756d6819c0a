from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_info import UserInfo


T = TypeVar("T", bound="SelfSubjectReviewStatus")


@_attrs_define
class SelfSubjectReviewStatus:
    """The user the request was made as.

    Attributes:
        user_info (None | Unset | UserInfo):
    """

    user_info: None | Unset | UserInfo = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_info import UserInfo

        user_info: dict[str, Any] | None | Unset
        if isinstance(self.user_info, Unset):
            user_info = UNSET
        elif isinstance(self.user_info, UserInfo):
            user_info = self.user_info.to_dict()
        else:
            user_info = self.user_info

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if user_info is not UNSET:
            field_dict["userInfo"] = user_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_info import UserInfo

        d = dict(src_dict)

        def _parse_user_info(data: object) -> None | Unset | UserInfo:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_info_type_0 = UserInfo.from_dict(data)

                return user_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserInfo, data)

        user_info = _parse_user_info(d.pop("userInfo", UNSET))

        self_subject_review_status = cls(
            user_info=user_info,
        )

        return self_subject_review_status
