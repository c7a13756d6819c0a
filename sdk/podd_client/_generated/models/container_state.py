from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_state_running import ContainerStateRunning
    from ..models.container_state_terminated import ContainerStateTerminated
    from ..models.container_state_waiting import ContainerStateWaiting


T = TypeVar("T", bound="ContainerState")


@_attrs_define
class ContainerState:
    """At most one of waiting/running/terminated; empty means "waiting" to clients.

    Attributes:
        waiting (ContainerStateWaiting | None | Unset):
        running (ContainerStateRunning | None | Unset):
        terminated (ContainerStateTerminated | None | Unset):
    """

    waiting: ContainerStateWaiting | None | Unset = UNSET
    running: ContainerStateRunning | None | Unset = UNSET
    terminated: ContainerStateTerminated | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_state_running import ContainerStateRunning
        from ..models.container_state_terminated import ContainerStateTerminated
        from ..models.container_state_waiting import ContainerStateWaiting

        waiting: dict[str, Any] | None | Unset
        if isinstance(self.waiting, Unset):
            waiting = UNSET
        elif isinstance(self.waiting, ContainerStateWaiting):
            waiting = self.waiting.to_dict()
        else:
            waiting = self.waiting

        running: dict[str, Any] | None | Unset
        if isinstance(self.running, Unset):
            running = UNSET
        elif isinstance(self.running, ContainerStateRunning):
            running = self.running.to_dict()
        else:
            running = self.running

        terminated: dict[str, Any] | None | Unset
        if isinstance(self.terminated, Unset):
            terminated = UNSET
        elif isinstance(self.terminated, ContainerStateTerminated):
            terminated = self.terminated.to_dict()
        else:
            terminated = self.terminated

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if waiting is not UNSET:
            field_dict["waiting"] = waiting
        if running is not UNSET:
            field_dict["running"] = running
        if terminated is not UNSET:
            field_dict["terminated"] = terminated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_state_running import ContainerStateRunning
        from ..models.container_state_terminated import ContainerStateTerminated
        from ..models.container_state_waiting import ContainerStateWaiting

        d = dict(src_dict)

        def _parse_waiting(data: object) -> ContainerStateWaiting | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                waiting_type_0 = ContainerStateWaiting.from_dict(data)

                return waiting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerStateWaiting | None | Unset, data)

        waiting = _parse_waiting(d.pop("waiting", UNSET))

        def _parse_running(data: object) -> ContainerStateRunning | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                running_type_0 = ContainerStateRunning.from_dict(data)

                return running_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerStateRunning | None | Unset, data)

        running = _parse_running(d.pop("running", UNSET))

        def _parse_terminated(data: object) -> ContainerStateTerminated | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                terminated_type_0 = ContainerStateTerminated.from_dict(data)

                return terminated_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerStateTerminated | None | Unset, data)

        terminated = _parse_terminated(d.pop("terminated", UNSET))

        container_state = cls(
            waiting=waiting,
            running=running,
            terminated=terminated,
        )

        return container_state
