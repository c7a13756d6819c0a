from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ObjectFieldSelector")


@_attrs_define
class ObjectFieldSelector:
    """A field of the pod, e.g. ``metadata.name`` or ``metadata.labels['app']``.

    Attributes:
        api_version (None | str | Unset):
        field_path (str | Unset):  Default: ''.
    """

    api_version: None | str | Unset = UNSET
    field_path: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        api_version: None | str | Unset
        if isinstance(self.api_version, Unset):
            api_version = UNSET
        else:
            api_version = self.api_version

        field_path = self.field_path

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if field_path is not UNSET:
            field_dict["fieldPath"] = field_path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_api_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_version = _parse_api_version(d.pop("apiVersion", UNSET))

        field_path = d.pop("fieldPath", UNSET)

        object_field_selector = cls(
            api_version=api_version,
            field_path=field_path,
        )

        return object_field_selector
