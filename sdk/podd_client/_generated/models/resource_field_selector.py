from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceFieldSelector")


@_attrs_define
class ResourceFieldSelector:
    """A container's resource, e.g. ``limits.memory``, optionally divided by ``divisor``.

    Attributes:
        container_name (None | str | Unset):
        resource (str | Unset):  Default: ''.
        divisor (float | int | None | str | Unset):
    """

    container_name: None | str | Unset = UNSET
    resource: str | Unset = ""
    divisor: float | int | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        container_name: None | str | Unset
        if isinstance(self.container_name, Unset):
            container_name = UNSET
        else:
            container_name = self.container_name

        resource = self.resource

        divisor: float | int | None | str | Unset
        if isinstance(self.divisor, Unset):
            divisor = UNSET
        else:
            divisor = self.divisor

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if container_name is not UNSET:
            field_dict["containerName"] = container_name
        if resource is not UNSET:
            field_dict["resource"] = resource
        if divisor is not UNSET:
            field_dict["divisor"] = divisor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_container_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        container_name = _parse_container_name(d.pop("containerName", UNSET))

        resource = d.pop("resource", UNSET)

        def _parse_divisor(data: object) -> float | int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | str | Unset, data)

        divisor = _parse_divisor(d.pop("divisor", UNSET))

        resource_field_selector = cls(
            container_name=container_name,
            resource=resource,
            divisor=divisor,
        )

        return resource_field_selector
