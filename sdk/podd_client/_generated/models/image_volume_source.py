from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageVolumeSource")


@_attrs_define
class ImageVolumeSource:
    """An OCI image mounted read-only as a volume (Kubernetes' ``image`` volume).

    Attributes:
        reference (None | str | Unset):
        pull_policy (None | str | Unset):
    """

    reference: None | str | Unset = UNSET
    pull_policy: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        pull_policy: None | str | Unset
        if isinstance(self.pull_policy, Unset):
            pull_policy = UNSET
        else:
            pull_policy = self.pull_policy

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reference is not UNSET:
            field_dict["reference"] = reference
        if pull_policy is not UNSET:
            field_dict["pullPolicy"] = pull_policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_pull_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pull_policy = _parse_pull_policy(d.pop("pullPolicy", UNSET))

        image_volume_source = cls(
            reference=reference,
            pull_policy=pull_policy,
        )

        return image_volume_source
