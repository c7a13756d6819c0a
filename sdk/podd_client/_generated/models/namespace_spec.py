from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NamespaceSpec")


@_attrs_define
class NamespaceSpec:
    """
    Attributes:
        finalizers (list[str] | None | Unset):
    """

    finalizers: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        finalizers: list[str] | None | Unset
        if isinstance(self.finalizers, Unset):
            finalizers = UNSET
        elif isinstance(self.finalizers, list):
            finalizers = self.finalizers

        else:
            finalizers = self.finalizers

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if finalizers is not UNSET:
            field_dict["finalizers"] = finalizers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_finalizers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                finalizers_type_0 = cast(list[str], data)

                return finalizers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        finalizers = _parse_finalizers(d.pop("finalizers", UNSET))

        namespace_spec = cls(
            finalizers=finalizers,
        )

        return namespace_spec
