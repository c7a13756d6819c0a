from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_metrics_usage import ContainerMetricsUsage


T = TypeVar("T", bound="ContainerMetrics")


@_attrs_define
class ContainerMetrics:
    """The usage of one container of a pod.

    Attributes:
        name (str | Unset):
        usage (ContainerMetricsUsage | Unset):
    """

    name: str | Unset = UNSET
    usage: ContainerMetricsUsage | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_metrics_usage import ContainerMetricsUsage

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: ContainerMetricsUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = ContainerMetricsUsage.from_dict(_usage)

        container_metrics = cls(
            name=name,
            usage=usage,
        )

        return container_metrics
