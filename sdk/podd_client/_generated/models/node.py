from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.node_api_version import NodeApiVersion, check_node_api_version
from ..models.node_kind import NodeKind, check_node_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_spec import NodeSpec
    from ..models.node_status import NodeStatus
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="Node")


@_attrs_define
class Node:
    """
    Attributes:
        api_version (NodeApiVersion | Unset):
        kind (NodeKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        spec (NodeSpec | Unset):
        status (NodeStatus | Unset):
    """

    api_version: NodeApiVersion | Unset = UNSET
    kind: NodeKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    spec: NodeSpec | Unset = UNSET
    status: NodeStatus | Unset = UNSET

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

        spec: dict[str, Any] | Unset = UNSET
        if not isinstance(self.spec, Unset):
            spec = self.spec.to_dict()

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if spec is not UNSET:
            field_dict["spec"] = spec
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_spec import NodeSpec
        from ..models.node_status import NodeStatus
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: NodeApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_node_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: NodeKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_node_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        _spec = d.pop("spec", UNSET)
        spec: NodeSpec | Unset
        if isinstance(_spec, Unset):
            spec = UNSET
        else:
            spec = NodeSpec.from_dict(_spec)

        _status = d.pop("status", UNSET)
        status: NodeStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = NodeStatus.from_dict(_status)

        node = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            spec=spec,
            status=status,
        )

        return node
