from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pull_resolved_type import PullResolvedType, check_pull_resolved_type

T = TypeVar("T", bound="PullResolved")


@_attrs_define
class PullResolved:
    """The manifest is known: how many layers, how many bytes.

    Attributes:
        type_ (PullResolvedType):
        reference (str):
        manifest_digest (str):
        platform (str):
        layers (int):
        total (int):
    """

    type_: PullResolvedType
    reference: str
    manifest_digest: str
    platform: str
    layers: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        reference = self.reference

        manifest_digest = self.manifest_digest

        platform = self.platform

        layers = self.layers

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "reference": reference,
                "manifest_digest": manifest_digest,
                "platform": platform,
                "layers": layers,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_pull_resolved_type(d.pop("type"))

        reference = d.pop("reference")

        manifest_digest = d.pop("manifest_digest")

        platform = d.pop("platform")

        layers = d.pop("layers")

        total = d.pop("total")

        pull_resolved = cls(
            type_=type_,
            reference=reference,
            manifest_digest=manifest_digest,
            platform=platform,
            layers=layers,
            total=total,
        )

        pull_resolved.additional_properties = d
        return pull_resolved

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
