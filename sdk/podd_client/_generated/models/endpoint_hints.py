from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.for_zone import ForZone


T = TypeVar("T", bound="EndpointHints")


@_attrs_define
class EndpointHints:
    """
    Attributes:
        for_zones (list[ForZone] | None | Unset):
    """

    for_zones: list[ForZone] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        for_zones: list[dict[str, Any]] | None | Unset
        if isinstance(self.for_zones, Unset):
            for_zones = UNSET
        elif isinstance(self.for_zones, list):
            for_zones = []
            for for_zones_type_0_item_data in self.for_zones:
                for_zones_type_0_item = for_zones_type_0_item_data.to_dict()
                for_zones.append(for_zones_type_0_item)

        else:
            for_zones = self.for_zones

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if for_zones is not UNSET:
            field_dict["forZones"] = for_zones

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.for_zone import ForZone

        d = dict(src_dict)

        def _parse_for_zones(data: object) -> list[ForZone] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                for_zones_type_0 = []
                _for_zones_type_0 = data
                for for_zones_type_0_item_data in _for_zones_type_0:
                    for_zones_type_0_item = ForZone.from_dict(for_zones_type_0_item_data)

                    for_zones_type_0.append(for_zones_type_0_item)

                return for_zones_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ForZone] | None | Unset, data)

        for_zones = _parse_for_zones(d.pop("forZones", UNSET))

        endpoint_hints = cls(
            for_zones=for_zones,
        )

        return endpoint_hints
