from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.node_list_api_version import (
    NodeListApiVersion,
    check_node_list_api_version,
)
from ..models.node_list_kind import NodeListKind, check_node_list_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_meta import ListMeta
    from ..models.node import Node


T = TypeVar("T", bound="NodeList")


@_attrs_define
class NodeList:
    """
    Attributes:
        api_version (NodeListApiVersion | Unset):
        kind (NodeListKind | Unset):
        metadata (ListMeta | Unset): Metadata of a list: its resourceVersion and the continue token.
        items (list[Node] | Unset):
    """

    api_version: NodeListApiVersion | Unset = UNSET
    kind: NodeListKind | Unset = UNSET
    metadata: ListMeta | Unset = UNSET
    items: list[Node] | Unset = UNSET

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
        from ..models.node import Node

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: NodeListApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_node_list_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: NodeListKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_node_list_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ListMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ListMeta.from_dict(_metadata)

        _items = d.pop("items", UNSET)
        items: list[Node] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = Node.from_dict(items_item_data)

                items.append(items_item)

        node_list = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            items=items,
        )

        return node_list
