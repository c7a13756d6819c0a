from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VolumeMount")


@_attrs_define
class VolumeMount:
    """
    Attributes:
        name (str | Unset):  Default: ''.
        read_only (bool | None | Unset):
        recursive_read_only (None | str | Unset):
        mount_path (str | Unset):  Default: ''.
        sub_path (None | str | Unset):
        mount_propagation (None | str | Unset):
        sub_path_expr (None | str | Unset):
    """

    name: str | Unset = ""
    read_only: bool | None | Unset = UNSET
    recursive_read_only: None | str | Unset = UNSET
    mount_path: str | Unset = ""
    sub_path: None | str | Unset = UNSET
    mount_propagation: None | str | Unset = UNSET
    sub_path_expr: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        read_only: bool | None | Unset
        if isinstance(self.read_only, Unset):
            read_only = UNSET
        else:
            read_only = self.read_only

        recursive_read_only: None | str | Unset
        if isinstance(self.recursive_read_only, Unset):
            recursive_read_only = UNSET
        else:
            recursive_read_only = self.recursive_read_only

        mount_path = self.mount_path

        sub_path: None | str | Unset
        if isinstance(self.sub_path, Unset):
            sub_path = UNSET
        else:
            sub_path = self.sub_path

        mount_propagation: None | str | Unset
        if isinstance(self.mount_propagation, Unset):
            mount_propagation = UNSET
        else:
            mount_propagation = self.mount_propagation

        sub_path_expr: None | str | Unset
        if isinstance(self.sub_path_expr, Unset):
            sub_path_expr = UNSET
        else:
            sub_path_expr = self.sub_path_expr

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if read_only is not UNSET:
            field_dict["readOnly"] = read_only
        if recursive_read_only is not UNSET:
            field_dict["recursiveReadOnly"] = recursive_read_only
        if mount_path is not UNSET:
            field_dict["mountPath"] = mount_path
        if sub_path is not UNSET:
            field_dict["subPath"] = sub_path
        if mount_propagation is not UNSET:
            field_dict["mountPropagation"] = mount_propagation
        if sub_path_expr is not UNSET:
            field_dict["subPathExpr"] = sub_path_expr

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_read_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only = _parse_read_only(d.pop("readOnly", UNSET))

        def _parse_recursive_read_only(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recursive_read_only = _parse_recursive_read_only(d.pop("recursiveReadOnly", UNSET))

        mount_path = d.pop("mountPath", UNSET)

        def _parse_sub_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub_path = _parse_sub_path(d.pop("subPath", UNSET))

        def _parse_mount_propagation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mount_propagation = _parse_mount_propagation(d.pop("mountPropagation", UNSET))

        def _parse_sub_path_expr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub_path_expr = _parse_sub_path_expr(d.pop("subPathExpr", UNSET))

        volume_mount = cls(
            name=name,
            read_only=read_only,
            recursive_read_only=recursive_read_only,
            mount_path=mount_path,
            sub_path=sub_path,
            mount_propagation=mount_propagation,
            sub_path_expr=sub_path_expr,
        )

        return volume_mount
