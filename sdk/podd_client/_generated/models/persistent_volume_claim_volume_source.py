from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PersistentVolumeClaimVolumeSource")


@_attrs_define
class PersistentVolumeClaimVolumeSource:
    """
    Attributes:
        claim_name (str | Unset):  Default: ''.
        read_only (bool | None | Unset):
    """

    claim_name: str | Unset = ""
    read_only: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        claim_name = self.claim_name

        read_only: bool | None | Unset
        if isinstance(self.read_only, Unset):
            read_only = UNSET
        else:
            read_only = self.read_only

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if claim_name is not UNSET:
            field_dict["claimName"] = claim_name
        if read_only is not UNSET:
            field_dict["readOnly"] = read_only

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        claim_name = d.pop("claimName", UNSET)

        def _parse_read_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only = _parse_read_only(d.pop("readOnly", UNSET))

        persistent_volume_claim_volume_source = cls(
            claim_name=claim_name,
            read_only=read_only,
        )

        return persistent_volume_claim_volume_source
