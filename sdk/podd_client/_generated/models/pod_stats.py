from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cgroup_stats import CgroupStats
    from ..models.container_stats import ContainerStats


T = TypeVar("T", bound="PodStats")


@_attrs_define
class PodStats:
    """
    Attributes:
        namespace (str):
        name (str):
        uid (str):
        timestamp (float):
        pod (CgroupStats | None | Unset):
        containers (list[ContainerStats] | Unset):
    """

    namespace: str
    name: str
    uid: str
    timestamp: float
    pod: CgroupStats | None | Unset = UNSET
    containers: list[ContainerStats] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cgroup_stats import CgroupStats

        namespace = self.namespace

        name = self.name

        uid = self.uid

        timestamp = self.timestamp

        pod: dict[str, Any] | None | Unset
        if isinstance(self.pod, Unset):
            pod = UNSET
        elif isinstance(self.pod, CgroupStats):
            pod = self.pod.to_dict()
        else:
            pod = self.pod

        containers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.containers, Unset):
            containers = []
            for containers_item_data in self.containers:
                containers_item = containers_item_data.to_dict()
                containers.append(containers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "namespace": namespace,
                "name": name,
                "uid": uid,
                "timestamp": timestamp,
            }
        )
        if pod is not UNSET:
            field_dict["pod"] = pod
        if containers is not UNSET:
            field_dict["containers"] = containers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cgroup_stats import CgroupStats
        from ..models.container_stats import ContainerStats

        d = dict(src_dict)
        namespace = d.pop("namespace")

        name = d.pop("name")

        uid = d.pop("uid")

        timestamp = d.pop("timestamp")

        def _parse_pod(data: object) -> CgroupStats | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pod_type_0 = CgroupStats.from_dict(data)

                return pod_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CgroupStats | None | Unset, data)

        pod = _parse_pod(d.pop("pod", UNSET))

        _containers = d.pop("containers", UNSET)
        containers: list[ContainerStats] | Unset = UNSET
        if _containers is not UNSET:
            containers = []
            for containers_item_data in _containers:
                containers_item = ContainerStats.from_dict(containers_item_data)

                containers.append(containers_item)

        pod_stats = cls(
            namespace=namespace,
            name=name,
            uid=uid,
            timestamp=timestamp,
            pod=pod,
            containers=containers,
        )

        pod_stats.additional_properties = d
        return pod_stats

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
