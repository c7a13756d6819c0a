from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.owner_reference_api_version import (
    OwnerReferenceApiVersion,
    check_owner_reference_api_version,
)
from ..models.owner_reference_kind import OwnerReferenceKind, check_owner_reference_kind
from ..types import UNSET, Unset

T = TypeVar("T", bound="OwnerReference")


@_attrs_define
class OwnerReference:
    """
    Attributes:
        api_version (OwnerReferenceApiVersion | Unset):
        kind (OwnerReferenceKind | Unset):
        name (str | Unset):
        uid (str | Unset):
        controller (bool | None | Unset):
        block_owner_deletion (bool | None | Unset):
    """

    api_version: OwnerReferenceApiVersion | Unset = UNSET
    kind: OwnerReferenceKind | Unset = UNSET
    name: str | Unset = UNSET
    uid: str | Unset = UNSET
    controller: bool | None | Unset = UNSET
    block_owner_deletion: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        name = self.name

        uid = self.uid

        controller: bool | None | Unset
        if isinstance(self.controller, Unset):
            controller = UNSET
        else:
            controller = self.controller

        block_owner_deletion: bool | None | Unset
        if isinstance(self.block_owner_deletion, Unset):
            block_owner_deletion = UNSET
        else:
            block_owner_deletion = self.block_owner_deletion

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if name is not UNSET:
            field_dict["name"] = name
        if uid is not UNSET:
            field_dict["uid"] = uid
        if controller is not UNSET:
            field_dict["controller"] = controller
        if block_owner_deletion is not UNSET:
            field_dict["blockOwnerDeletion"] = block_owner_deletion

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: OwnerReferenceApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_owner_reference_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: OwnerReferenceKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_owner_reference_kind(_kind)

        name = d.pop("name", UNSET)

        uid = d.pop("uid", UNSET)

        def _parse_controller(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        controller = _parse_controller(d.pop("controller", UNSET))

        def _parse_block_owner_deletion(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        block_owner_deletion = _parse_block_owner_deletion(d.pop("blockOwnerDeletion", UNSET))

        owner_reference = cls(
            api_version=api_version,
            kind=kind,
            name=name,
            uid=uid,
            controller=controller,
            block_owner_deletion=block_owner_deletion,
        )

        return owner_reference
