from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_field_selector import ObjectFieldSelector
    from ..models.resource_field_selector import ResourceFieldSelector


T = TypeVar("T", bound="DownwardAPIVolumeFile")


@_attrs_define
class DownwardAPIVolumeFile:
    """
    Attributes:
        path (str | Unset):  Default: ''.
        field_ref (None | ObjectFieldSelector | Unset):
        resource_field_ref (None | ResourceFieldSelector | Unset):
        mode (int | None | Unset):
    """

    path: str | Unset = ""
    field_ref: None | ObjectFieldSelector | Unset = UNSET
    resource_field_ref: None | ResourceFieldSelector | Unset = UNSET
    mode: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.object_field_selector import ObjectFieldSelector
        from ..models.resource_field_selector import ResourceFieldSelector

        path = self.path

        field_ref: dict[str, Any] | None | Unset
        if isinstance(self.field_ref, Unset):
            field_ref = UNSET
        elif isinstance(self.field_ref, ObjectFieldSelector):
            field_ref = self.field_ref.to_dict()
        else:
            field_ref = self.field_ref

        resource_field_ref: dict[str, Any] | None | Unset
        if isinstance(self.resource_field_ref, Unset):
            resource_field_ref = UNSET
        elif isinstance(self.resource_field_ref, ResourceFieldSelector):
            resource_field_ref = self.resource_field_ref.to_dict()
        else:
            resource_field_ref = self.resource_field_ref

        mode: int | None | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        else:
            mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if field_ref is not UNSET:
            field_dict["fieldRef"] = field_ref
        if resource_field_ref is not UNSET:
            field_dict["resourceFieldRef"] = resource_field_ref
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_field_selector import ObjectFieldSelector
        from ..models.resource_field_selector import ResourceFieldSelector

        d = dict(src_dict)
        path = d.pop("path", UNSET)

        def _parse_field_ref(data: object) -> None | ObjectFieldSelector | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                field_ref_type_0 = ObjectFieldSelector.from_dict(data)

                return field_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectFieldSelector | Unset, data)

        field_ref = _parse_field_ref(d.pop("fieldRef", UNSET))

        def _parse_resource_field_ref(data: object) -> None | ResourceFieldSelector | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resource_field_ref_type_0 = ResourceFieldSelector.from_dict(data)

                return resource_field_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceFieldSelector | Unset, data)

        resource_field_ref = _parse_resource_field_ref(d.pop("resourceFieldRef", UNSET))

        def _parse_mode(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        downward_api_volume_file = cls(
            path=path,
            field_ref=field_ref,
            resource_field_ref=resource_field_ref,
            mode=mode,
        )

        return downward_api_volume_file
