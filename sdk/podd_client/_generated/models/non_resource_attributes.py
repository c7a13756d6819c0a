from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NonResourceAttributes")


@_attrs_define
class NonResourceAttributes:
    """The request on a URL path that is no resource (``/healthz``) a review asks about.

    Attributes:
        path (None | str | Unset):
        verb (None | str | Unset):
    """

    path: None | str | Unset = UNSET
    verb: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        path: None | str | Unset
        if isinstance(self.path, Unset):
            path = UNSET
        else:
            path = self.path

        verb: None | str | Unset
        if isinstance(self.verb, Unset):
            verb = UNSET
        else:
            verb = self.verb

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if verb is not UNSET:
            field_dict["verb"] = verb

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        path = _parse_path(d.pop("path", UNSET))

        def _parse_verb(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verb = _parse_verb(d.pop("verb", UNSET))

        non_resource_attributes = cls(
            path=path,
            verb=verb,
        )

        return non_resource_attributes
