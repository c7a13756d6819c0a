from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlirpOptions")


@_attrs_define
class SlirpOptions:
    """Per-pod network choices.

    Attributes:
        allow_host_loopback (bool | Unset):  Default: False.
        mtu (int | Unset):  Default: 65520.
        cidr (str | Unset):  Default: '10.0.2.0/24'.
        enable_ipv6 (bool | Unset):  Default: False.
    """

    allow_host_loopback: bool | Unset = False
    mtu: int | Unset = 65520
    cidr: str | Unset = "10.0.2.0/24"
    enable_ipv6: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_host_loopback = self.allow_host_loopback

        mtu = self.mtu

        cidr = self.cidr

        enable_ipv6 = self.enable_ipv6

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_host_loopback is not UNSET:
            field_dict["allow_host_loopback"] = allow_host_loopback
        if mtu is not UNSET:
            field_dict["mtu"] = mtu
        if cidr is not UNSET:
            field_dict["cidr"] = cidr
        if enable_ipv6 is not UNSET:
            field_dict["enable_ipv6"] = enable_ipv6

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        allow_host_loopback = d.pop("allow_host_loopback", UNSET)

        mtu = d.pop("mtu", UNSET)

        cidr = d.pop("cidr", UNSET)

        enable_ipv6 = d.pop("enable_ipv6", UNSET)

        slirp_options = cls(
            allow_host_loopback=allow_host_loopback,
            mtu=mtu,
            cidr=cidr,
            enable_ipv6=enable_ipv6,
        )

        slirp_options.additional_properties = d
        return slirp_options

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
