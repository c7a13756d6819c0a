from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Capabilities")


@_attrs_define
class Capabilities:
    """
    Attributes:
        add (list[str] | None | Unset):
        drop (list[str] | None | Unset):
    """

    add: list[str] | None | Unset = UNSET
    drop: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        add: list[str] | None | Unset
        if isinstance(self.add, Unset):
            add = UNSET
        elif isinstance(self.add, list):
            add = self.add

        else:
            add = self.add

        drop: list[str] | None | Unset
        if isinstance(self.drop, Unset):
            drop = UNSET
        elif isinstance(self.drop, list):
            drop = self.drop

        else:
            drop = self.drop

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if add is not UNSET:
            field_dict["add"] = add
        if drop is not UNSET:
            field_dict["drop"] = drop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_add(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                add_type_0 = cast(list[str], data)

                return add_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        add = _parse_add(d.pop("add", UNSET))

        def _parse_drop(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                drop_type_0 = cast(list[str], data)

                return drop_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        drop = _parse_drop(d.pop("drop", UNSET))

        capabilities = cls(
            add=add,
            drop=drop,
        )

        return capabilities
