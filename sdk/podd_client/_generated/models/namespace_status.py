from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace_condition import NamespaceCondition


T = TypeVar("T", bound="NamespaceStatus")


@_attrs_define
class NamespaceStatus:
    """``phase`` is ``Active`` or ``Terminating``.

    Attributes:
        phase (None | str | Unset):
        conditions (list[NamespaceCondition] | None | Unset):
    """

    phase: None | str | Unset = UNSET
    conditions: list[NamespaceCondition] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        phase: None | str | Unset
        if isinstance(self.phase, Unset):
            phase = UNSET
        else:
            phase = self.phase

        conditions: list[dict[str, Any]] | None | Unset
        if isinstance(self.conditions, Unset):
            conditions = UNSET
        elif isinstance(self.conditions, list):
            conditions = []
            for conditions_type_0_item_data in self.conditions:
                conditions_type_0_item = conditions_type_0_item_data.to_dict()
                conditions.append(conditions_type_0_item)

        else:
            conditions = self.conditions

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if phase is not UNSET:
            field_dict["phase"] = phase
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.namespace_condition import NamespaceCondition

        d = dict(src_dict)

        def _parse_phase(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phase = _parse_phase(d.pop("phase", UNSET))

        def _parse_conditions(data: object) -> list[NamespaceCondition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                conditions_type_0 = []
                _conditions_type_0 = data
                for conditions_type_0_item_data in _conditions_type_0:
                    conditions_type_0_item = NamespaceCondition.from_dict(
                        conditions_type_0_item_data
                    )

                    conditions_type_0.append(conditions_type_0_item)

                return conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NamespaceCondition] | None | Unset, data)

        conditions = _parse_conditions(d.pop("conditions", UNSET))

        namespace_status = cls(
            phase=phase,
            conditions=conditions,
        )

        return namespace_status
