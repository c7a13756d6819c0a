from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_selector_requirement import FieldSelectorRequirement


T = TypeVar("T", bound="FieldSelectorAttributes")


@_attrs_define
class FieldSelectorAttributes:
    """The field selector of the list or watch a review asks about: raw, or as requirements.

    Attributes:
        raw_selector (None | str | Unset):
        requirements (list[FieldSelectorRequirement] | None | Unset):
    """

    raw_selector: None | str | Unset = UNSET
    requirements: list[FieldSelectorRequirement] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        raw_selector: None | str | Unset
        if isinstance(self.raw_selector, Unset):
            raw_selector = UNSET
        else:
            raw_selector = self.raw_selector

        requirements: list[dict[str, Any]] | None | Unset
        if isinstance(self.requirements, Unset):
            requirements = UNSET
        elif isinstance(self.requirements, list):
            requirements = []
            for requirements_type_0_item_data in self.requirements:
                requirements_type_0_item = requirements_type_0_item_data.to_dict()
                requirements.append(requirements_type_0_item)

        else:
            requirements = self.requirements

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if raw_selector is not UNSET:
            field_dict["rawSelector"] = raw_selector
        if requirements is not UNSET:
            field_dict["requirements"] = requirements

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_selector_requirement import FieldSelectorRequirement

        d = dict(src_dict)

        def _parse_raw_selector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        raw_selector = _parse_raw_selector(d.pop("rawSelector", UNSET))

        def _parse_requirements(data: object) -> list[FieldSelectorRequirement] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                requirements_type_0 = []
                _requirements_type_0 = data
                for requirements_type_0_item_data in _requirements_type_0:
                    requirements_type_0_item = FieldSelectorRequirement.from_dict(
                        requirements_type_0_item_data
                    )

                    requirements_type_0.append(requirements_type_0_item)

                return requirements_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldSelectorRequirement] | None | Unset, data)

        requirements = _parse_requirements(d.pop("requirements", UNSET))

        field_selector_attributes = cls(
            raw_selector=raw_selector,
            requirements=requirements,
        )

        return field_selector_attributes
