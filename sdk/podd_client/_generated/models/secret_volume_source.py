from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_to_path import KeyToPath


T = TypeVar("T", bound="SecretVolumeSource")


@_attrs_define
class SecretVolumeSource:
    """
    Attributes:
        secret_name (None | str | Unset):
        items (list[KeyToPath] | None | Unset):
        default_mode (int | None | Unset):
        optional (bool | None | Unset):
    """

    secret_name: None | str | Unset = UNSET
    items: list[KeyToPath] | None | Unset = UNSET
    default_mode: int | None | Unset = UNSET
    optional: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        secret_name: None | str | Unset
        if isinstance(self.secret_name, Unset):
            secret_name = UNSET
        else:
            secret_name = self.secret_name

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

        optional: bool | None | Unset
        if isinstance(self.optional, Unset):
            optional = UNSET
        else:
            optional = self.optional

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if secret_name is not UNSET:
            field_dict["secretName"] = secret_name
        if items is not UNSET:
            field_dict["items"] = items
        if default_mode is not UNSET:
            field_dict["defaultMode"] = default_mode
        if optional is not UNSET:
            field_dict["optional"] = optional

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_to_path import KeyToPath

        d = dict(src_dict)

        def _parse_secret_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret_name = _parse_secret_name(d.pop("secretName", UNSET))

        def _parse_items(data: object) -> list[KeyToPath] | None | Unset:
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
                    items_type_0_item = KeyToPath.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KeyToPath] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_default_mode(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_mode = _parse_default_mode(d.pop("defaultMode", UNSET))

        def _parse_optional(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        optional = _parse_optional(d.pop("optional", UNSET))

        secret_volume_source = cls(
            secret_name=secret_name,
            items=items,
            default_mode=default_mode,
            optional=optional,
        )

        return secret_volume_source
