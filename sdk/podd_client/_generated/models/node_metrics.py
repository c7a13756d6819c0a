from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.node_metrics_api_version import (
    NodeMetricsApiVersion,
    check_node_metrics_api_version,
)
from ..models.node_metrics_kind import NodeMetricsKind, check_node_metrics_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_metrics_usage import NodeMetricsUsage
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="NodeMetrics")


@_attrs_define
class NodeMetrics:
    """A node's usage: the sample's time, the window its cpu rate is over, and the usage.

    Attributes:
        api_version (NodeMetricsApiVersion | Unset):
        kind (NodeMetricsKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        timestamp (str | Unset):
        window (str | Unset):
        usage (NodeMetricsUsage | Unset):
    """

    api_version: NodeMetricsApiVersion | Unset = UNSET
    kind: NodeMetricsKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    timestamp: str | Unset = UNSET
    window: str | Unset = UNSET
    usage: NodeMetricsUsage | Unset = UNSET

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

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

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
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_metrics_usage import NodeMetricsUsage
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: NodeMetricsApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_node_metrics_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: NodeMetricsKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_node_metrics_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        timestamp = d.pop("timestamp", UNSET)

        window = d.pop("window", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: NodeMetricsUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = NodeMetricsUsage.from_dict(_usage)

        node_metrics = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            timestamp=timestamp,
            window=window,
            usage=usage,
        )

        return node_metrics
