from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListMeta")


@_attrs_define
class ListMeta:
    """Metadata of a list: its resourceVersion and the continue token.

    Attributes:
        self_link (None | str | Unset):
        resource_version (None | str | Unset):
        continue_ (None | str | Unset):
        remaining_item_count (int | None | Unset):
    """

    self_link: None | str | Unset = UNSET
    resource_version: None | str | Unset = UNSET
    continue_: None | str | Unset = UNSET
    remaining_item_count: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        self_link: None | str | Unset
        if isinstance(self.self_link, Unset):
            self_link = UNSET
        else:
            self_link = self.self_link

        resource_version: None | str | Unset
        if isinstance(self.resource_version, Unset):
            resource_version = UNSET
        else:
            resource_version = self.resource_version

        continue_: None | str | Unset
        if isinstance(self.continue_, Unset):
            continue_ = UNSET
        else:
            continue_ = self.continue_

        remaining_item_count: int | None | Unset
        if isinstance(self.remaining_item_count, Unset):
            remaining_item_count = UNSET
        else:
            remaining_item_count = self.remaining_item_count

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if self_link is not UNSET:
            field_dict["selfLink"] = self_link
        if resource_version is not UNSET:
            field_dict["resourceVersion"] = resource_version
        if continue_ is not UNSET:
            field_dict["continue"] = continue_
        if remaining_item_count is not UNSET:
            field_dict["remainingItemCount"] = remaining_item_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_self_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        self_link = _parse_self_link(d.pop("selfLink", UNSET))

        def _parse_resource_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resource_version = _parse_resource_version(d.pop("resourceVersion", UNSET))

        def _parse_continue_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        continue_ = _parse_continue_(d.pop("continue", UNSET))

        def _parse_remaining_item_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        remaining_item_count = _parse_remaining_item_count(d.pop("remainingItemCount", UNSET))

        list_meta = cls(
            self_link=self_link,
            resource_version=resource_version,
            continue_=continue_,
            remaining_item_count=remaining_item_count,
        )

        return list_meta
