from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.downward_api_volume_file import DownwardAPIVolumeFile


T = TypeVar("T", bound="DownwardAPIVolumeSource")


@_attrs_define
class DownwardAPIVolumeSource:
    """
    Attributes:
        items (list[DownwardAPIVolumeFile] | None | Unset):
        default_mode (int | None | Unset):
    """

    items: list[DownwardAPIVolumeFile] | None | Unset = UNSET
    default_mode: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        default_mode: int | None | Unset
        if isinstance(self.default_mode, Unset):
            default_mode = UNSET
        else:
            default_mode = self.default_mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if default_mode is not UNSET:
            field_dict["defaultMode"] = default_mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.downward_api_volume_file import DownwardAPIVolumeFile

        d = dict(src_dict)

        def _parse_items(data: object) -> list[DownwardAPIVolumeFile] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = DownwardAPIVolumeFile.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DownwardAPIVolumeFile] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_default_mode(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_mode = _parse_default_mode(d.pop("defaultMode", UNSET))

        downward_api_volume_source = cls(
            items=items,
            default_mode=default_mode,
        )

        return downward_api_volume_source
