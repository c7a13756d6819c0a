from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventSeries")


@_attrs_define
class EventSeries:
    """
    Attributes:
        count (int | None | Unset):
        last_observed_time (None | str | Unset):
    """

    count: int | None | Unset = UNSET
    last_observed_time: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        last_observed_time: None | str | Unset
        if isinstance(self.last_observed_time, Unset):
            last_observed_time = UNSET
        else:
            last_observed_time = self.last_observed_time

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if count is not UNSET:
            field_dict["count"] = count
        if last_observed_time is not UNSET:
            field_dict["lastObservedTime"] = last_observed_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        def _parse_last_observed_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_observed_time = _parse_last_observed_time(d.pop("lastObservedTime", UNSET))

        event_series = cls(
            count=count,
            last_observed_time=last_observed_time,
        )

        return event_series
