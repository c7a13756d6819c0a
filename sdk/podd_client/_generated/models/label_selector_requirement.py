from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LabelSelectorRequirement")


@_attrs_define
class LabelSelectorRequirement:
    """A label selector requirement: a key, an operator (In, NotIn, Exists,
    DoesNotExist) and values.

    Attributes:
        key (str | Unset):
        operator (str | Unset):
        values (list[str] | None | Unset):
    """

    key: str | Unset = UNSET
    operator: str | Unset = UNSET
    values: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        operator = self.operator

        values: list[str] | None | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        elif isinstance(self.values, list):
            values = self.values

        else:
            values = self.values

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if operator is not UNSET:
            field_dict["operator"] = operator
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key = d.pop("key", UNSET)

        operator = d.pop("operator", UNSET)

        def _parse_values(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                values_type_0 = cast(list[str], data)

                return values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        values = _parse_values(d.pop("values", UNSET))

        label_selector_requirement = cls(
            key=key,
            operator=operator,
            values=values,
        )

        return label_selector_requirement
