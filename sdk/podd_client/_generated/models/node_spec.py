from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NodeSpec")


@_attrs_define
class NodeSpec:
    """
    Attributes:
        pod_cidr (None | str | Unset):
        pod_cid_rs (list[str] | None | Unset):
        unschedulable (bool | None | Unset):
    """

    pod_cidr: None | str | Unset = UNSET
    pod_cid_rs: list[str] | None | Unset = UNSET
    unschedulable: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        pod_cidr: None | str | Unset
        if isinstance(self.pod_cidr, Unset):
            pod_cidr = UNSET
        else:
            pod_cidr = self.pod_cidr

        pod_cid_rs: list[str] | None | Unset
        if isinstance(self.pod_cid_rs, Unset):
            pod_cid_rs = UNSET
        elif isinstance(self.pod_cid_rs, list):
            pod_cid_rs = self.pod_cid_rs

        else:
            pod_cid_rs = self.pod_cid_rs

        unschedulable: bool | None | Unset
        if isinstance(self.unschedulable, Unset):
            unschedulable = UNSET
        else:
            unschedulable = self.unschedulable

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if pod_cidr is not UNSET:
            field_dict["podCIDR"] = pod_cidr
        if pod_cid_rs is not UNSET:
            field_dict["podCIDRs"] = pod_cid_rs
        if unschedulable is not UNSET:
            field_dict["unschedulable"] = unschedulable

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_pod_cidr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pod_cidr = _parse_pod_cidr(d.pop("podCIDR", UNSET))

        def _parse_pod_cid_rs(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pod_cid_rs_type_0 = cast(list[str], data)

                return pod_cid_rs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        pod_cid_rs = _parse_pod_cid_rs(d.pop("podCIDRs", UNSET))

        def _parse_unschedulable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unschedulable = _parse_unschedulable(d.pop("unschedulable", UNSET))

        node_spec = cls(
            pod_cidr=pod_cidr,
            pod_cid_rs=pod_cid_rs,
            unschedulable=unschedulable,
        )

        return node_spec
