from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_info_extra_type_0 import UserInfoExtraType0


T = TypeVar("T", bound="UserInfo")


@_attrs_define
class UserInfo:
    """The user a request authenticated as: name, uid, groups.

    Attributes:
        username (None | str | Unset):
        uid (None | str | Unset):
        groups (list[str] | None | Unset):
        extra (None | Unset | UserInfoExtraType0):
    """

    username: None | str | Unset = UNSET
    uid: None | str | Unset = UNSET
    groups: list[str] | None | Unset = UNSET
    extra: None | Unset | UserInfoExtraType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_info_extra_type_0 import UserInfoExtraType0

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        groups: list[str] | None | Unset
        if isinstance(self.groups, Unset):
            groups = UNSET
        elif isinstance(self.groups, list):
            groups = self.groups

        else:
            groups = self.groups

        extra: dict[str, Any] | None | Unset
        if isinstance(self.extra, Unset):
            extra = UNSET
        elif isinstance(self.extra, UserInfoExtraType0):
            extra = self.extra.to_dict()
        else:
            extra = self.extra

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if username is not UNSET:
            field_dict["username"] = username
        if uid is not UNSET:
            field_dict["uid"] = uid
        if groups is not UNSET:
            field_dict["groups"] = groups
        if extra is not UNSET:
            field_dict["extra"] = extra

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_info_extra_type_0 import UserInfoExtraType0

        d = dict(src_dict)

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        def _parse_groups(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                groups_type_0 = cast(list[str], data)

                return groups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        groups = _parse_groups(d.pop("groups", UNSET))

        def _parse_extra(data: object) -> None | Unset | UserInfoExtraType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                extra_type_0 = UserInfoExtraType0.from_dict(data)

                return extra_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserInfoExtraType0, data)

        extra = _parse_extra(d.pop("extra", UNSET))

        user_info = cls(
            username=username,
            uid=uid,
            groups=groups,
            extra=extra,
        )

        return user_info
