from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.endpoints_api_version import (
    EndpointsApiVersion,
    check_endpoints_api_version,
)
from ..models.endpoints_kind import EndpointsKind, check_endpoints_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint_subset import EndpointSubset
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="Endpoints")


@_attrs_define
class Endpoints:
    """
    Attributes:
        api_version (EndpointsApiVersion | Unset):
        kind (EndpointsKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        subsets (list[EndpointSubset] | None | Unset):
    """

    api_version: EndpointsApiVersion | Unset = UNSET
    kind: EndpointsKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    subsets: list[EndpointSubset] | None | Unset = UNSET

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

        subsets: list[dict[str, Any]] | None | Unset
        if isinstance(self.subsets, Unset):
            subsets = UNSET
        elif isinstance(self.subsets, list):
            subsets = []
            for subsets_type_0_item_data in self.subsets:
                subsets_type_0_item = subsets_type_0_item_data.to_dict()
                subsets.append(subsets_type_0_item)

        else:
            subsets = self.subsets

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if subsets is not UNSET:
            field_dict["subsets"] = subsets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.endpoint_subset import EndpointSubset
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: EndpointsApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_endpoints_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: EndpointsKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_endpoints_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        def _parse_subsets(data: object) -> list[EndpointSubset] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                subsets_type_0 = []
                _subsets_type_0 = data
                for subsets_type_0_item_data in _subsets_type_0:
                    subsets_type_0_item = EndpointSubset.from_dict(subsets_type_0_item_data)

                    subsets_type_0.append(subsets_type_0_item)

                return subsets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EndpointSubset] | None | Unset, data)

        subsets = _parse_subsets(d.pop("subsets", UNSET))

        endpoints = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            subsets=subsets,
        )

        return endpoints
