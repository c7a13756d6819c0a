from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HostAlias")


@_attrs_define
class HostAlias:
    """An extra ``/etc/hosts`` line: ``ip hostname...``.

    Attributes:
        ip (str | Unset):  Default: ''.
        hostnames (list[str] | None | Unset):
    """

    ip: str | Unset = ""
    hostnames: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        hostnames: list[str] | None | Unset
        if isinstance(self.hostnames, Unset):
            hostnames = UNSET
        elif isinstance(self.hostnames, list):
            hostnames = self.hostnames

        else:
            hostnames = self.hostnames

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ip is not UNSET:
            field_dict["ip"] = ip
        if hostnames is not UNSET:
            field_dict["hostnames"] = hostnames

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ip = d.pop("ip", UNSET)

        def _parse_hostnames(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                hostnames_type_0 = cast(list[str], data)

                return hostnames_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        hostnames = _parse_hostnames(d.pop("hostnames", UNSET))

        host_alias = cls(
            ip=ip,
            hostnames=hostnames,
        )

        return host_alias
