from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_reference import ObjectReference


T = TypeVar("T", bound="EndpointAddress")


@_attrs_define
class EndpointAddress:
    """
    Attributes:
        ip (str | Unset):
        hostname (None | str | Unset):
        node_name (None | str | Unset):
        target_ref (None | ObjectReference | Unset):
    """

    ip: str | Unset = UNSET
    hostname: None | str | Unset = UNSET
    node_name: None | str | Unset = UNSET
    target_ref: None | ObjectReference | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.object_reference import ObjectReference

        ip = self.ip

        hostname: None | str | Unset
        if isinstance(self.hostname, Unset):
            hostname = UNSET
        else:
            hostname = self.hostname

        node_name: None | str | Unset
        if isinstance(self.node_name, Unset):
            node_name = UNSET
        else:
            node_name = self.node_name

        target_ref: dict[str, Any] | None | Unset
        if isinstance(self.target_ref, Unset):
            target_ref = UNSET
        elif isinstance(self.target_ref, ObjectReference):
            target_ref = self.target_ref.to_dict()
        else:
            target_ref = self.target_ref

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ip is not UNSET:
            field_dict["ip"] = ip
        if hostname is not UNSET:
            field_dict["hostname"] = hostname
        if node_name is not UNSET:
            field_dict["nodeName"] = node_name
        if target_ref is not UNSET:
            field_dict["targetRef"] = target_ref

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_reference import ObjectReference

        d = dict(src_dict)
        ip = d.pop("ip", UNSET)

        def _parse_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hostname = _parse_hostname(d.pop("hostname", UNSET))

        def _parse_node_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node_name = _parse_node_name(d.pop("nodeName", UNSET))

        def _parse_target_ref(data: object) -> None | ObjectReference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_ref_type_0 = ObjectReference.from_dict(data)

                return target_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectReference | Unset, data)

        target_ref = _parse_target_ref(d.pop("targetRef", UNSET))

        endpoint_address = cls(
            ip=ip,
            hostname=hostname,
            node_name=node_name,
            target_ref=target_ref,
        )

        return endpoint_address
