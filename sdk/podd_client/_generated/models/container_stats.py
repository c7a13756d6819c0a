from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerStats")


@_attrs_define
class ContainerStats:
    """
    Attributes:
        cgroup (str):
        cpu_usage_usec (int):
        memory_working_set_bytes (int):
        memory_source (str):
        pids (int):
        name (str):
        memory_current_bytes (int | None | Unset):
        oom_kills (int | None | Unset):
        cpu_nanocores (int | None | Unset):
        window_seconds (float | None | Unset):
    """

    cgroup: str
    cpu_usage_usec: int
    memory_working_set_bytes: int
    memory_source: str
    pids: int
    name: str
    memory_current_bytes: int | None | Unset = UNSET
    oom_kills: int | None | Unset = UNSET
    cpu_nanocores: int | None | Unset = UNSET
    window_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cgroup = self.cgroup

        cpu_usage_usec = self.cpu_usage_usec

        memory_working_set_bytes = self.memory_working_set_bytes

        memory_source = self.memory_source

        pids = self.pids

        name = self.name

        memory_current_bytes: int | None | Unset
        if isinstance(self.memory_current_bytes, Unset):
            memory_current_bytes = UNSET
        else:
            memory_current_bytes = self.memory_current_bytes

        oom_kills: int | None | Unset
        if isinstance(self.oom_kills, Unset):
            oom_kills = UNSET
        else:
            oom_kills = self.oom_kills

        cpu_nanocores: int | None | Unset
        if isinstance(self.cpu_nanocores, Unset):
            cpu_nanocores = UNSET
        else:
            cpu_nanocores = self.cpu_nanocores

        window_seconds: float | None | Unset
        if isinstance(self.window_seconds, Unset):
            window_seconds = UNSET
        else:
            window_seconds = self.window_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cgroup": cgroup,
                "cpuUsageUsec": cpu_usage_usec,
                "memoryWorkingSetBytes": memory_working_set_bytes,
                "memorySource": memory_source,
                "pids": pids,
                "name": name,
            }
        )
        if memory_current_bytes is not UNSET:
            field_dict["memoryCurrentBytes"] = memory_current_bytes
        if oom_kills is not UNSET:
            field_dict["oomKills"] = oom_kills
        if cpu_nanocores is not UNSET:
            field_dict["cpuNanocores"] = cpu_nanocores
        if window_seconds is not UNSET:
            field_dict["windowSeconds"] = window_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cgroup = d.pop("cgroup")

        cpu_usage_usec = d.pop("cpuUsageUsec")

        memory_working_set_bytes = d.pop("memoryWorkingSetBytes")

        memory_source = d.pop("memorySource")

        pids = d.pop("pids")

        name = d.pop("name")

        def _parse_memory_current_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        memory_current_bytes = _parse_memory_current_bytes(d.pop("memoryCurrentBytes", UNSET))

        def _parse_oom_kills(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        oom_kills = _parse_oom_kills(d.pop("oomKills", UNSET))

        def _parse_cpu_nanocores(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cpu_nanocores = _parse_cpu_nanocores(d.pop("cpuNanocores", UNSET))

        def _parse_window_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        window_seconds = _parse_window_seconds(d.pop("windowSeconds", UNSET))

        container_stats = cls(
            cgroup=cgroup,
            cpu_usage_usec=cpu_usage_usec,
            memory_working_set_bytes=memory_working_set_bytes,
            memory_source=memory_source,
            pids=pids,
            name=name,
            memory_current_bytes=memory_current_bytes,
            oom_kills=oom_kills,
            cpu_nanocores=cpu_nanocores,
            window_seconds=window_seconds,
        )

        container_stats.additional_properties = d
        return container_stats

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
