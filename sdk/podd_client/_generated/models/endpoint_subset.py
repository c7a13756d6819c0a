from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint_address import EndpointAddress
    from ..models.endpoint_port import EndpointPort


T = TypeVar("T", bound="EndpointSubset")


@_attrs_define
class EndpointSubset:
    """
    Attributes:
        addresses (list[EndpointAddress] | None | Unset):
        not_ready_addresses (list[EndpointAddress] | None | Unset):
        ports (list[EndpointPort] | None | Unset):
    """

    addresses: list[EndpointAddress] | None | Unset = UNSET
    not_ready_addresses: list[EndpointAddress] | None | Unset = UNSET
    ports: list[EndpointPort] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        addresses: list[dict[str, Any]] | None | Unset
        if isinstance(self.addresses, Unset):
            addresses = UNSET
        elif isinstance(self.addresses, list):
            addresses = []
            for addresses_type_0_item_data in self.addresses:
                addresses_type_0_item = addresses_type_0_item_data.to_dict()
                addresses.append(addresses_type_0_item)

        else:
            addresses = self.addresses

        not_ready_addresses: list[dict[str, Any]] | None | Unset
        if isinstance(self.not_ready_addresses, Unset):
            not_ready_addresses = UNSET
        elif isinstance(self.not_ready_addresses, list):
            not_ready_addresses = []
            for not_ready_addresses_type_0_item_data in self.not_ready_addresses:
                not_ready_addresses_type_0_item = not_ready_addresses_type_0_item_data.to_dict()
                not_ready_addresses.append(not_ready_addresses_type_0_item)

        else:
            not_ready_addresses = self.not_ready_addresses

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
        if addresses is not UNSET:
            field_dict["addresses"] = addresses
        if not_ready_addresses is not UNSET:
            field_dict["notReadyAddresses"] = not_ready_addresses
        if ports is not UNSET:
            field_dict["ports"] = ports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.endpoint_address import EndpointAddress
        from ..models.endpoint_port import EndpointPort

        d = dict(src_dict)

        def _parse_addresses(data: object) -> list[EndpointAddress] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                addresses_type_0 = []
                _addresses_type_0 = data
                for addresses_type_0_item_data in _addresses_type_0:
                    addresses_type_0_item = EndpointAddress.from_dict(addresses_type_0_item_data)

                    addresses_type_0.append(addresses_type_0_item)

                return addresses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EndpointAddress] | None | Unset, data)

        addresses = _parse_addresses(d.pop("addresses", UNSET))

        def _parse_not_ready_addresses(data: object) -> list[EndpointAddress] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                not_ready_addresses_type_0 = []
                _not_ready_addresses_type_0 = data
                for not_ready_addresses_type_0_item_data in _not_ready_addresses_type_0:
                    not_ready_addresses_type_0_item = EndpointAddress.from_dict(
                        not_ready_addresses_type_0_item_data
                    )

                    not_ready_addresses_type_0.append(not_ready_addresses_type_0_item)

                return not_ready_addresses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EndpointAddress] | None | Unset, data)

        not_ready_addresses = _parse_not_ready_addresses(d.pop("notReadyAddresses", UNSET))

        def _parse_ports(data: object) -> list[EndpointPort] | None | Unset:
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
                    ports_type_0_item = EndpointPort.from_dict(ports_type_0_item_data)

                    ports_type_0.append(ports_type_0_item)

                return ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EndpointPort] | None | Unset, data)

        ports = _parse_ports(d.pop("ports", UNSET))

        endpoint_subset = cls(
            addresses=addresses,
            not_ready_addresses=not_ready_addresses,
            ports=ports,
        )

        return endpoint_subset
