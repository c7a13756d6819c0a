from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.pod_metrics_list_api_version import (
    PodMetricsListApiVersion,
    check_pod_metrics_list_api_version,
)
from ..models.pod_metrics_list_kind import (
    PodMetricsListKind,
    check_pod_metrics_list_kind,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_meta import ListMeta
    from ..models.pod_metrics import PodMetrics


T = TypeVar("T", bound="PodMetricsList")


@_attrs_define
class PodMetricsList:
    """
    Attributes:
        api_version (PodMetricsListApiVersion | Unset):
        kind (PodMetricsListKind | Unset):
        metadata (ListMeta | Unset): Metadata of a list: its resourceVersion and the continue token.
        items (list[PodMetrics] | Unset):
    """

    api_version: PodMetricsListApiVersion | Unset = UNSET
    kind: PodMetricsListKind | Unset = UNSET
    metadata: ListMeta | Unset = UNSET
    items: list[PodMetrics] | Unset = UNSET

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

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_meta import ListMeta
        from ..models.pod_metrics import PodMetrics

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: PodMetricsListApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_pod_metrics_list_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: PodMetricsListKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_pod_metrics_list_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ListMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ListMeta.from_dict(_metadata)

        _items = d.pop("items", UNSET)
        items: list[PodMetrics] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = PodMetrics.from_dict(items_item_data)

                items.append(items_item)

        pod_metrics_list = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            items=items,
        )

        return pod_metrics_list
