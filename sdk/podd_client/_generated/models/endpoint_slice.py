from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.endpoint_slice_api_version import (
    EndpointSliceApiVersion,
    check_endpoint_slice_api_version,
)
from ..models.endpoint_slice_kind import EndpointSliceKind, check_endpoint_slice_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint import Endpoint
    from ..models.endpoint_slice_port import EndpointSlicePort
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="EndpointSlice")


@_attrs_define
class EndpointSlice:
    """
    Attributes:
        api_version (EndpointSliceApiVersion | Unset):
        kind (EndpointSliceKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        address_type (str | Unset):
        endpoints (list[Endpoint] | None | Unset):
        ports (list[EndpointSlicePort] | None | Unset):
    """

    api_version: EndpointSliceApiVersion | Unset = UNSET
    kind: EndpointSliceKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    address_type: str | Unset = UNSET
    endpoints: list[Endpoint] | None | Unset = UNSET
    ports: list[EndpointSlicePort] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        address_type = self.address_type

        endpoints: list[dict[str, Any]] | None | Unset
        if isinstance(self.endpoints, Unset):
            endpoints = UNSET
        elif isinstance(self.endpoints, list):
            endpoints = []
            for endpoints_type_0_item_data in self.endpoints:
                endpoints_type_0_item = endpoints_type_0_item_data.to_dict()
                endpoints.append(endpoints_type_0_item)

        else:
            endpoints = self.endpoints

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
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if address_type is not UNSET:
            field_dict["addressType"] = address_type
        if endpoints is not UNSET:
            field_dict["endpoints"] = endpoints
        if ports is not UNSET:
            field_dict["ports"] = ports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.endpoint import Endpoint
        from ..models.endpoint_slice_port import EndpointSlicePort
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: EndpointSliceApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_endpoint_slice_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: EndpointSliceKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_endpoint_slice_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        address_type = d.pop("addressType", UNSET)

        def _parse_endpoints(data: object) -> list[Endpoint] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                endpoints_type_0 = []
                _endpoints_type_0 = data
                for endpoints_type_0_item_data in _endpoints_type_0:
                    endpoints_type_0_item = Endpoint.from_dict(endpoints_type_0_item_data)

                    endpoints_type_0.append(endpoints_type_0_item)

                return endpoints_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Endpoint] | None | Unset, data)

        endpoints = _parse_endpoints(d.pop("endpoints", UNSET))

        def _parse_ports(data: object) -> list[EndpointSlicePort] | None | Unset:
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
                    ports_type_0_item = EndpointSlicePort.from_dict(ports_type_0_item_data)

                    ports_type_0.append(ports_type_0_item)

                return ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EndpointSlicePort] | None | Unset, data)

        ports = _parse_ports(d.pop("ports", UNSET))

        endpoint_slice = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            address_type=address_type,
            endpoints=endpoints,
            ports=ports,
        )

        return endpoint_slice
