from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint_conditions import EndpointConditions
    from ..models.endpoint_deprecated_topology_type_0 import (
        EndpointDeprecatedTopologyType0,
    )
    from ..models.endpoint_hints import EndpointHints
    from ..models.object_reference import ObjectReference


T = TypeVar("T", bound="Endpoint")


@_attrs_define
class Endpoint:
    """
    Attributes:
        addresses (list[str] | Unset):
        conditions (EndpointConditions | Unset):
        hostname (None | str | Unset):
        target_ref (None | ObjectReference | Unset):
        deprecated_topology (EndpointDeprecatedTopologyType0 | None | Unset):
        node_name (None | str | Unset):
        zone (None | str | Unset):
        hints (EndpointHints | None | Unset):
    """

    addresses: list[str] | Unset = UNSET
    conditions: EndpointConditions | Unset = UNSET
    hostname: None | str | Unset = UNSET
    target_ref: None | ObjectReference | Unset = UNSET
    deprecated_topology: EndpointDeprecatedTopologyType0 | None | Unset = UNSET
    node_name: None | str | Unset = UNSET
    zone: None | str | Unset = UNSET
    hints: EndpointHints | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.endpoint_deprecated_topology_type_0 import (
            EndpointDeprecatedTopologyType0,
        )
        from ..models.endpoint_hints import EndpointHints
        from ..models.object_reference import ObjectReference

        addresses: list[str] | Unset = UNSET
        if not isinstance(self.addresses, Unset):
            addresses = self.addresses

        conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = self.conditions.to_dict()

        hostname: None | str | Unset
        if isinstance(self.hostname, Unset):
            hostname = UNSET
        else:
            hostname = self.hostname

        target_ref: dict[str, Any] | None | Unset
        if isinstance(self.target_ref, Unset):
            target_ref = UNSET
        elif isinstance(self.target_ref, ObjectReference):
            target_ref = self.target_ref.to_dict()
        else:
            target_ref = self.target_ref

        deprecated_topology: dict[str, Any] | None | Unset
        if isinstance(self.deprecated_topology, Unset):
            deprecated_topology = UNSET
        elif isinstance(self.deprecated_topology, EndpointDeprecatedTopologyType0):
            deprecated_topology = self.deprecated_topology.to_dict()
        else:
            deprecated_topology = self.deprecated_topology

        node_name: None | str | Unset
        if isinstance(self.node_name, Unset):
            node_name = UNSET
        else:
            node_name = self.node_name

        zone: None | str | Unset
        if isinstance(self.zone, Unset):
            zone = UNSET
        else:
            zone = self.zone

        hints: dict[str, Any] | None | Unset
        if isinstance(self.hints, Unset):
            hints = UNSET
        elif isinstance(self.hints, EndpointHints):
            hints = self.hints.to_dict()
        else:
            hints = self.hints

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if addresses is not UNSET:
            field_dict["addresses"] = addresses
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if hostname is not UNSET:
            field_dict["hostname"] = hostname
        if target_ref is not UNSET:
            field_dict["targetRef"] = target_ref
        if deprecated_topology is not UNSET:
            field_dict["deprecatedTopology"] = deprecated_topology
        if node_name is not UNSET:
            field_dict["nodeName"] = node_name
        if zone is not UNSET:
            field_dict["zone"] = zone
        if hints is not UNSET:
            field_dict["hints"] = hints

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.endpoint_conditions import EndpointConditions
        from ..models.endpoint_deprecated_topology_type_0 import (
            EndpointDeprecatedTopologyType0,
        )
        from ..models.endpoint_hints import EndpointHints
        from ..models.object_reference import ObjectReference

        d = dict(src_dict)
        addresses = cast(list[str], d.pop("addresses", UNSET))

        _conditions = d.pop("conditions", UNSET)
        conditions: EndpointConditions | Unset
        if isinstance(_conditions, Unset):
            conditions = UNSET
        else:
            conditions = EndpointConditions.from_dict(_conditions)

        def _parse_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hostname = _parse_hostname(d.pop("hostname", UNSET))

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

        def _parse_deprecated_topology(
            data: object,
        ) -> EndpointDeprecatedTopologyType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deprecated_topology_type_0 = EndpointDeprecatedTopologyType0.from_dict(data)

                return deprecated_topology_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EndpointDeprecatedTopologyType0 | None | Unset, data)

        deprecated_topology = _parse_deprecated_topology(d.pop("deprecatedTopology", UNSET))

        def _parse_node_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node_name = _parse_node_name(d.pop("nodeName", UNSET))

        def _parse_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        zone = _parse_zone(d.pop("zone", UNSET))

        def _parse_hints(data: object) -> EndpointHints | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hints_type_0 = EndpointHints.from_dict(data)

                return hints_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EndpointHints | None | Unset, data)

        hints = _parse_hints(d.pop("hints", UNSET))

        endpoint = cls(
            addresses=addresses,
            conditions=conditions,
            hostname=hostname,
            target_ref=target_ref,
            deprecated_topology=deprecated_topology,
            node_name=node_name,
            zone=zone,
            hints=hints,
        )

        return endpoint
