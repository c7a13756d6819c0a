from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_address import NodeAddress
    from ..models.node_condition import NodeCondition
    from ..models.node_status_allocatable_type_0 import NodeStatusAllocatableType0
    from ..models.node_status_capacity_type_0 import NodeStatusCapacityType0
    from ..models.node_system_info import NodeSystemInfo


T = TypeVar("T", bound="NodeStatus")


@_attrs_define
class NodeStatus:
    """
    Attributes:
        capacity (NodeStatusCapacityType0 | None | Unset):
        allocatable (NodeStatusAllocatableType0 | None | Unset):
        conditions (list[NodeCondition] | None | Unset):
        addresses (list[NodeAddress] | None | Unset):
        node_info (NodeSystemInfo | None | Unset):
    """

    capacity: NodeStatusCapacityType0 | None | Unset = UNSET
    allocatable: NodeStatusAllocatableType0 | None | Unset = UNSET
    conditions: list[NodeCondition] | None | Unset = UNSET
    addresses: list[NodeAddress] | None | Unset = UNSET
    node_info: NodeSystemInfo | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.node_status_allocatable_type_0 import NodeStatusAllocatableType0
        from ..models.node_status_capacity_type_0 import NodeStatusCapacityType0
        from ..models.node_system_info import NodeSystemInfo

        capacity: dict[str, Any] | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        elif isinstance(self.capacity, NodeStatusCapacityType0):
            capacity = self.capacity.to_dict()
        else:
            capacity = self.capacity

        allocatable: dict[str, Any] | None | Unset
        if isinstance(self.allocatable, Unset):
            allocatable = UNSET
        elif isinstance(self.allocatable, NodeStatusAllocatableType0):
            allocatable = self.allocatable.to_dict()
        else:
            allocatable = self.allocatable

        conditions: list[dict[str, Any]] | None | Unset
        if isinstance(self.conditions, Unset):
            conditions = UNSET
        elif isinstance(self.conditions, list):
            conditions = []
            for conditions_type_0_item_data in self.conditions:
                conditions_type_0_item = conditions_type_0_item_data.to_dict()
                conditions.append(conditions_type_0_item)

        else:
            conditions = self.conditions

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

        node_info: dict[str, Any] | None | Unset
        if isinstance(self.node_info, Unset):
            node_info = UNSET
        elif isinstance(self.node_info, NodeSystemInfo):
            node_info = self.node_info.to_dict()
        else:
            node_info = self.node_info

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if allocatable is not UNSET:
            field_dict["allocatable"] = allocatable
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if addresses is not UNSET:
            field_dict["addresses"] = addresses
        if node_info is not UNSET:
            field_dict["nodeInfo"] = node_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_address import NodeAddress
        from ..models.node_condition import NodeCondition
        from ..models.node_status_allocatable_type_0 import NodeStatusAllocatableType0
        from ..models.node_status_capacity_type_0 import NodeStatusCapacityType0
        from ..models.node_system_info import NodeSystemInfo

        d = dict(src_dict)

        def _parse_capacity(data: object) -> NodeStatusCapacityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                capacity_type_0 = NodeStatusCapacityType0.from_dict(data)

                return capacity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NodeStatusCapacityType0 | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_allocatable(data: object) -> NodeStatusAllocatableType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                allocatable_type_0 = NodeStatusAllocatableType0.from_dict(data)

                return allocatable_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NodeStatusAllocatableType0 | None | Unset, data)

        allocatable = _parse_allocatable(d.pop("allocatable", UNSET))

        def _parse_conditions(data: object) -> list[NodeCondition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                conditions_type_0 = []
                _conditions_type_0 = data
                for conditions_type_0_item_data in _conditions_type_0:
                    conditions_type_0_item = NodeCondition.from_dict(conditions_type_0_item_data)

                    conditions_type_0.append(conditions_type_0_item)

                return conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NodeCondition] | None | Unset, data)

        conditions = _parse_conditions(d.pop("conditions", UNSET))

        def _parse_addresses(data: object) -> list[NodeAddress] | None | Unset:
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
                    addresses_type_0_item = NodeAddress.from_dict(addresses_type_0_item_data)

                    addresses_type_0.append(addresses_type_0_item)

                return addresses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NodeAddress] | None | Unset, data)

        addresses = _parse_addresses(d.pop("addresses", UNSET))

        def _parse_node_info(data: object) -> NodeSystemInfo | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                node_info_type_0 = NodeSystemInfo.from_dict(data)

                return node_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NodeSystemInfo | None | Unset, data)

        node_info = _parse_node_info(d.pop("nodeInfo", UNSET))

        node_status = cls(
            capacity=capacity,
            allocatable=allocatable,
            conditions=conditions,
            addresses=addresses,
            node_info=node_info,
        )

        return node_status
