from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.port_status import PortStatus


T = TypeVar("T", bound="LoadBalancerIngress")


@_attrs_define
class LoadBalancerIngress:
    """
    Attributes:
        ip (None | str | Unset):
        hostname (None | str | Unset):
        ip_mode (None | str | Unset):
        ports (list[PortStatus] | None | Unset):
    """

    ip: None | str | Unset = UNSET
    hostname: None | str | Unset = UNSET
    ip_mode: None | str | Unset = UNSET
    ports: list[PortStatus] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ip: None | str | Unset
        if isinstance(self.ip, Unset):
            ip = UNSET
        else:
            ip = self.ip

        hostname: None | str | Unset
        if isinstance(self.hostname, Unset):
            hostname = UNSET
        else:
            hostname = self.hostname

        ip_mode: None | str | Unset
        if isinstance(self.ip_mode, Unset):
            ip_mode = UNSET
        else:
            ip_mode = self.ip_mode

        ports: list[dict[str, Any]] | None | Unset
        if isinstance(self.ports, Unset):
            ports = UNSET
        elif isinstance(self.ports, list):
            ports = []
            for ports_type_0_item_data in self.ports:
                ports_type_0_item = ports_type_0_item_data.to_dict()
                ports.append(ports_type_0_item)

        else:
            ports = self.ports

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ip is not UNSET:
            field_dict["ip"] = ip
        if hostname is not UNSET:
            field_dict["hostname"] = hostname
        if ip_mode is not UNSET:
            field_dict["ipMode"] = ip_mode
        if ports is not UNSET:
            field_dict["ports"] = ports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.port_status import PortStatus

        d = dict(src_dict)

        def _parse_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip = _parse_ip(d.pop("ip", UNSET))

        def _parse_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hostname = _parse_hostname(d.pop("hostname", UNSET))

        def _parse_ip_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip_mode = _parse_ip_mode(d.pop("ipMode", UNSET))

        def _parse_ports(data: object) -> list[PortStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ports_type_0 = []
                _ports_type_0 = data
                for ports_type_0_item_data in _ports_type_0:
                    ports_type_0_item = PortStatus.from_dict(ports_type_0_item_data)

                    ports_type_0.append(ports_type_0_item)

                return ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PortStatus] | None | Unset, data)

        ports = _parse_ports(d.pop("ports", UNSET))

        load_balancer_ingress = cls(
            ip=ip,
            hostname=hostname,
            ip_mode=ip_mode,
            ports=ports,
        )

        return load_balancer_ingress
