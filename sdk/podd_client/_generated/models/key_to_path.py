from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyToPath")


@_attrs_define
class KeyToPath:
    """
    Attributes:
        key (str | Unset):  Default: ''.
        path (str | Unset):  Default: ''.
        mode (int | None | Unset):
    """

    key: str | Unset = ""
    path: str | Unset = ""
    mode: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        path = self.path

        mode: int | None | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        else:
            mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if path is not UNSET:
            field_dict["path"] = path
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key = d.pop("key", UNSET)

        path = d.pop("path", UNSET)

        def _parse_mode(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        key_to_path = cls(
            key=key,
            path=path,
            mode=mode,
        )

        return key_to_path
