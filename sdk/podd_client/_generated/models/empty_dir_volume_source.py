from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EmptyDirVolumeSource")


@_attrs_define
class EmptyDirVolumeSource:
    """
    Attributes:
        medium (None | str | Unset):
        size_limit (float | int | None | str | Unset):
    """

    medium: None | str | Unset = UNSET
    size_limit: float | int | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        medium: None | str | Unset
        if isinstance(self.medium, Unset):
            medium = UNSET
        else:
            medium = self.medium

        size_limit: float | int | None | str | Unset
        if isinstance(self.size_limit, Unset):
            size_limit = UNSET
        else:
            size_limit = self.size_limit

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if medium is not UNSET:
            field_dict["medium"] = medium
        if size_limit is not UNSET:
            field_dict["sizeLimit"] = size_limit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_medium(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        medium = _parse_medium(d.pop("medium", UNSET))

        def _parse_size_limit(data: object) -> float | int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | str | Unset, data)

        size_limit = _parse_size_limit(d.pop("sizeLimit", UNSET))

        empty_dir_volume_source = cls(
            medium=medium,
            size_limit=size_limit,
        )

        return empty_dir_volume_source
