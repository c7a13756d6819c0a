from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NodeCondition")


@_attrs_define
class NodeCondition:
    """
    Attributes:
        type_ (str | Unset):
        status (str | Unset):
        last_heartbeat_time (None | str | Unset):
        last_transition_time (None | str | Unset):
        reason (None | str | Unset):
        message (None | str | Unset):
    """

    type_: str | Unset = UNSET
    status: str | Unset = UNSET
    last_heartbeat_time: None | str | Unset = UNSET
    last_transition_time: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        status = self.status

        last_heartbeat_time: None | str | Unset
        if isinstance(self.last_heartbeat_time, Unset):
            last_heartbeat_time = UNSET
        else:
            last_heartbeat_time = self.last_heartbeat_time

        last_transition_time: None | str | Unset
        if isinstance(self.last_transition_time, Unset):
            last_transition_time = UNSET
        else:
            last_transition_time = self.last_transition_time

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if last_heartbeat_time is not UNSET:
            field_dict["lastHeartbeatTime"] = last_heartbeat_time
        if last_transition_time is not UNSET:
            field_dict["lastTransitionTime"] = last_transition_time
        if reason is not UNSET:
            field_dict["reason"] = reason
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        status = d.pop("status", UNSET)

        def _parse_last_heartbeat_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_heartbeat_time = _parse_last_heartbeat_time(d.pop("lastHeartbeatTime", UNSET))

        def _parse_last_transition_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_transition_time = _parse_last_transition_time(d.pop("lastTransitionTime", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        node_condition = cls(
            type_=type_,
            status=status,
            last_heartbeat_time=last_heartbeat_time,
            last_transition_time=last_transition_time,
            reason=reason,
            message=message,
        )

        return node_condition
