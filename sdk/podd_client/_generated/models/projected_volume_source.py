from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.volume_projection import VolumeProjection


T = TypeVar("T", bound="ProjectedVolumeSource")


@_attrs_define
class ProjectedVolumeSource:
    """
    Attributes:
        sources (list[VolumeProjection] | None | Unset):
        default_mode (int | None | Unset):
    """

    sources: list[VolumeProjection] | None | Unset = UNSET
    default_mode: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sources: list[dict[str, Any]] | None | Unset
        if isinstance(self.sources, Unset):
            sources = UNSET
        elif isinstance(self.sources, list):
            sources = []
            for sources_type_0_item_data in self.sources:
                sources_type_0_item = sources_type_0_item_data.to_dict()
                sources.append(sources_type_0_item)

        else:
            sources = self.sources

        default_mode: int | None | Unset
        if isinstance(self.default_mode, Unset):
            default_mode = UNSET
        else:
            default_mode = self.default_mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if sources is not UNSET:
            field_dict["sources"] = sources
        if default_mode is not UNSET:
            field_dict["defaultMode"] = default_mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.volume_projection import VolumeProjection

        d = dict(src_dict)

        def _parse_sources(data: object) -> list[VolumeProjection] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sources_type_0 = []
                _sources_type_0 = data
                for sources_type_0_item_data in _sources_type_0:
                    sources_type_0_item = VolumeProjection.from_dict(sources_type_0_item_data)

                    sources_type_0.append(sources_type_0_item)

                return sources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VolumeProjection] | None | Unset, data)

        sources = _parse_sources(d.pop("sources", UNSET))

        def _parse_default_mode(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_mode = _parse_default_mode(d.pop("defaultMode", UNSET))

        projected_volume_source = cls(
            sources=sources,
            default_mode=default_mode,
        )

        return projected_volume_source
