from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppArmorProfile")


@_attrs_define
class AppArmorProfile:
    """
    Attributes:
        type_ (str | Unset):  Default: ''.
        localhost_profile (None | str | Unset):
    """

    type_: str | Unset = ""
    localhost_profile: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        localhost_profile: None | str | Unset
        if isinstance(self.localhost_profile, Unset):
            localhost_profile = UNSET
        else:
            localhost_profile = self.localhost_profile

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if localhost_profile is not UNSET:
            field_dict["localhostProfile"] = localhost_profile

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        def _parse_localhost_profile(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        localhost_profile = _parse_localhost_profile(d.pop("localhostProfile", UNSET))

        app_armor_profile = cls(
            type_=type_,
            localhost_profile=localhost_profile,
        )

        return app_armor_profile
