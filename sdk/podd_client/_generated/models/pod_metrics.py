from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.pod_metrics_api_version import (
    PodMetricsApiVersion,
    check_pod_metrics_api_version,
)
from ..models.pod_metrics_kind import PodMetricsKind, check_pod_metrics_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_metrics import ContainerMetrics
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="PodMetrics")


@_attrs_define
class PodMetrics:
    """A pod's usage: the sample's time, the window its cpu rate is over, and each container's.

    Attributes:
        api_version (PodMetricsApiVersion | Unset):
        kind (PodMetricsKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        timestamp (str | Unset):
        window (str | Unset):
        containers (list[ContainerMetrics] | Unset):
    """

    api_version: PodMetricsApiVersion | Unset = UNSET
    kind: PodMetricsKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    timestamp: str | Unset = UNSET
    window: str | Unset = UNSET
    containers: list[ContainerMetrics] | Unset = UNSET

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

        timestamp = self.timestamp

        window = self.window

        containers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.containers, Unset):
            containers = []
            for containers_item_data in self.containers:
                containers_item = containers_item_data.to_dict()
                containers.append(containers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if window is not UNSET:
            field_dict["window"] = window
        if containers is not UNSET:
            field_dict["containers"] = containers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_metrics import ContainerMetrics
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: PodMetricsApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_pod_metrics_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: PodMetricsKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_pod_metrics_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        timestamp = d.pop("timestamp", UNSET)

        window = d.pop("window", UNSET)

        _containers = d.pop("containers", UNSET)
        containers: list[ContainerMetrics] | Unset = UNSET
        if _containers is not UNSET:
            containers = []
            for containers_item_data in _containers:
                containers_item = ContainerMetrics.from_dict(containers_item_data)

                containers.append(containers_item)

        pod_metrics = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            timestamp=timestamp,
            window=window,
            containers=containers,
        )

        return pod_metrics
