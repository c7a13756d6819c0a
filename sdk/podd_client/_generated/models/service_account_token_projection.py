from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceAccountTokenProjection")


@_attrs_define
class ServiceAccountTokenProjection:
    """
    Attributes:
        audience (None | str | Unset):
        expiration_seconds (int | None | Unset):
        path (str | Unset):  Default: ''.
    """

    audience: None | str | Unset = UNSET
    expiration_seconds: int | None | Unset = UNSET
    path: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        expiration_seconds: int | None | Unset
        if isinstance(self.expiration_seconds, Unset):
            expiration_seconds = UNSET
        else:
            expiration_seconds = self.expiration_seconds

        path = self.path

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if audience is not UNSET:
            field_dict["audience"] = audience
        if expiration_seconds is not UNSET:
            field_dict["expirationSeconds"] = expiration_seconds
        if path is not UNSET:
            field_dict["path"] = path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_expiration_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expiration_seconds = _parse_expiration_seconds(d.pop("expirationSeconds", UNSET))

        path = d.pop("path", UNSET)

        service_account_token_projection = cls(
            audience=audience,
            expiration_seconds=expiration_seconds,
            path=path,
        )

        return service_account_token_projection
