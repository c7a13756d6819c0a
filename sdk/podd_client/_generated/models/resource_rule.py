from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceRule")


@_attrs_define
class ResourceRule:
    """The verbs allowed on resources (``*`` is every one) of API groups.

    Attributes:
        verbs (list[str] | Unset):
        api_groups (list[str] | None | Unset):
        resources (list[str] | None | Unset):
        resource_names (list[str] | None | Unset):
    """

    verbs: list[str] | Unset = UNSET
    api_groups: list[str] | None | Unset = UNSET
    resources: list[str] | None | Unset = UNSET
    resource_names: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        verbs: list[str] | Unset = UNSET
        if not isinstance(self.verbs, Unset):
            verbs = self.verbs

        api_groups: list[str] | None | Unset
        if isinstance(self.api_groups, Unset):
            api_groups = UNSET
        elif isinstance(self.api_groups, list):
            api_groups = self.api_groups

        else:
            api_groups = self.api_groups

        resources: list[str] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, list):
            resources = self.resources

        else:
            resources = self.resources

        resource_names: list[str] | None | Unset
        if isinstance(self.resource_names, Unset):
            resource_names = UNSET
        elif isinstance(self.resource_names, list):
            resource_names = self.resource_names

        else:
            resource_names = self.resource_names

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if verbs is not UNSET:
            field_dict["verbs"] = verbs
        if api_groups is not UNSET:
            field_dict["apiGroups"] = api_groups
        if resources is not UNSET:
            field_dict["resources"] = resources
        if resource_names is not UNSET:
            field_dict["resourceNames"] = resource_names

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verbs = cast(list[str], d.pop("verbs", UNSET))

        def _parse_api_groups(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                api_groups_type_0 = cast(list[str], data)

                return api_groups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        api_groups = _parse_api_groups(d.pop("apiGroups", UNSET))

        def _parse_resources(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resources_type_0 = cast(list[str], data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        def _parse_resource_names(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_names_type_0 = cast(list[str], data)

                return resource_names_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        resource_names = _parse_resource_names(d.pop("resourceNames", UNSET))

        resource_rule = cls(
            verbs=verbs,
            api_groups=api_groups,
            resources=resources,
            resource_names=resource_names,
        )

        return resource_rule
