from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Preconditions")


@_attrs_define
class Preconditions:
    """
    Attributes:
        uid (None | str | Unset):
        resource_version (None | str | Unset):
    """

    uid: None | str | Unset = UNSET
    resource_version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        resource_version: None | str | Unset
        if isinstance(self.resource_version, Unset):
            resource_version = UNSET
        else:
            resource_version = self.resource_version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if uid is not UNSET:
            field_dict["uid"] = uid
        if resource_version is not UNSET:
            field_dict["resourceVersion"] = resource_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        def _parse_resource_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resource_version = _parse_resource_version(d.pop("resourceVersion", UNSET))

        preconditions = cls(
            uid=uid,
            resource_version=resource_version,
        )

        return preconditions
