from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlirpHandle")


@_attrs_define
class SlirpHandle:
    """A running slirp4netns: identity, API socket and log.

    Attributes:
        pid (int):
        start_time (int):
        api_socket (str):
        log_path (str):
    """

    pid: int
    start_time: int
    api_socket: str
    log_path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pid = self.pid

        start_time = self.start_time

        api_socket = self.api_socket

        log_path = self.log_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pid": pid,
                "start_time": start_time,
                "api_socket": api_socket,
                "log_path": log_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pid = d.pop("pid")

        start_time = d.pop("start_time")

        api_socket = d.pop("api_socket")

        log_path = d.pop("log_path")

        slirp_handle = cls(
            pid=pid,
            start_time=start_time,
            api_socket=api_socket,
            log_path=log_path,
        )

        slirp_handle.additional_properties = d
        return slirp_handle

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
