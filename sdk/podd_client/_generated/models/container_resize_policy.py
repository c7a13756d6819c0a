from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerResizePolicy")


@_attrs_define
class ContainerResizePolicy:
    """
    Attributes:
        resource_name (str | Unset):  Default: ''.
        restart_policy (str | Unset):  Default: ''.
    """

    resource_name: str | Unset = ""
    restart_policy: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        resource_name = self.resource_name

        restart_policy = self.restart_policy

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if resource_name is not UNSET:
            field_dict["resourceName"] = resource_name
        if restart_policy is not UNSET:
            field_dict["restartPolicy"] = restart_policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        resource_name = d.pop("resourceName", UNSET)

        restart_policy = d.pop("restartPolicy", UNSET)

        container_resize_policy = cls(
            resource_name=resource_name,
            restart_policy=restart_policy,
        )

        return container_resize_policy
