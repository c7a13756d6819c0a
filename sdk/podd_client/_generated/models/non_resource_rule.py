from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NonResourceRule")


@_attrs_define
class NonResourceRule:
    """The verbs allowed on URL paths that are no resources (``*`` is every one).

    Attributes:
        verbs (list[str] | Unset):
        non_resource_ur_ls (list[str] | None | Unset):
    """

    verbs: list[str] | Unset = UNSET
    non_resource_ur_ls: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        verbs: list[str] | Unset = UNSET
        if not isinstance(self.verbs, Unset):
            verbs = self.verbs

        non_resource_ur_ls: list[str] | None | Unset
        if isinstance(self.non_resource_ur_ls, Unset):
            non_resource_ur_ls = UNSET
        elif isinstance(self.non_resource_ur_ls, list):
            non_resource_ur_ls = self.non_resource_ur_ls

        else:
            non_resource_ur_ls = self.non_resource_ur_ls

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if verbs is not UNSET:
            field_dict["verbs"] = verbs
        if non_resource_ur_ls is not UNSET:
            field_dict["nonResourceURLs"] = non_resource_ur_ls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verbs = cast(list[str], d.pop("verbs", UNSET))

        def _parse_non_resource_ur_ls(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                non_resource_ur_ls_type_0 = cast(list[str], data)

                return non_resource_ur_ls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        non_resource_ur_ls = _parse_non_resource_ur_ls(d.pop("nonResourceURLs", UNSET))

        non_resource_rule = cls(
            verbs=verbs,
            non_resource_ur_ls=non_resource_ur_ls,
        )

        return non_resource_rule
