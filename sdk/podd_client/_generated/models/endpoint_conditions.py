from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointConditions")


@_attrs_define
class EndpointConditions:
    """
    Attributes:
        ready (bool | None | Unset):
        serving (bool | None | Unset):
        terminating (bool | None | Unset):
    """

    ready: bool | None | Unset = UNSET
    serving: bool | None | Unset = UNSET
    terminating: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ready: bool | None | Unset
        if isinstance(self.ready, Unset):
            ready = UNSET
        else:
            ready = self.ready

        serving: bool | None | Unset
        if isinstance(self.serving, Unset):
            serving = UNSET
        else:
            serving = self.serving

        terminating: bool | None | Unset
        if isinstance(self.terminating, Unset):
            terminating = UNSET
        else:
            terminating = self.terminating

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ready is not UNSET:
            field_dict["ready"] = ready
        if serving is not UNSET:
            field_dict["serving"] = serving
        if terminating is not UNSET:
            field_dict["terminating"] = terminating

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_ready(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ready = _parse_ready(d.pop("ready", UNSET))

        def _parse_serving(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        serving = _parse_serving(d.pop("serving", UNSET))

        def _parse_terminating(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        terminating = _parse_terminating(d.pop("terminating", UNSET))

        endpoint_conditions = cls(
            ready=ready,
            serving=serving,
            terminating=terminating,
        )

        return endpoint_conditions
