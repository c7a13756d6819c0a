from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_state import ContainerState
    from ..models.container_status_allocated_resources_type_0 import (
        ContainerStatusAllocatedResourcesType0,
    )
    from ..models.resource_requirements import ResourceRequirements


T = TypeVar("T", bound="ContainerStatus")


@_attrs_define
class ContainerStatus:
    """
    Attributes:
        name (str | Unset):
        state (ContainerState | Unset): At most one of waiting/running/terminated; empty means "waiting" to clients.
        last_state (ContainerState | Unset): At most one of waiting/running/terminated; empty means "waiting" to
            clients.
        ready (bool | Unset):
        restart_count (int | Unset):
        image (str | Unset):
        image_id (str | Unset):
        container_id (None | str | Unset):
        started (bool | None | Unset):
        allocated_resources (ContainerStatusAllocatedResourcesType0 | None | Unset):
        resources (None | ResourceRequirements | Unset):
        stop_signal (None | str | Unset):
    """

    name: str | Unset = UNSET
    state: ContainerState | Unset = UNSET
    last_state: ContainerState | Unset = UNSET
    ready: bool | Unset = UNSET
    restart_count: int | Unset = UNSET
    image: str | Unset = UNSET
    image_id: str | Unset = UNSET
    container_id: None | str | Unset = UNSET
    started: bool | None | Unset = UNSET
    allocated_resources: ContainerStatusAllocatedResourcesType0 | None | Unset = UNSET
    resources: None | ResourceRequirements | Unset = UNSET
    stop_signal: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_status_allocated_resources_type_0 import (
            ContainerStatusAllocatedResourcesType0,
        )
        from ..models.resource_requirements import ResourceRequirements

        name = self.name

        state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.to_dict()

        last_state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_state, Unset):
            last_state = self.last_state.to_dict()

        ready = self.ready

        restart_count = self.restart_count

        image = self.image

        image_id = self.image_id

        container_id: None | str | Unset
        if isinstance(self.container_id, Unset):
            container_id = UNSET
        else:
            container_id = self.container_id

        started: bool | None | Unset
        if isinstance(self.started, Unset):
            started = UNSET
        else:
            started = self.started

        allocated_resources: dict[str, Any] | None | Unset
        if isinstance(self.allocated_resources, Unset):
            allocated_resources = UNSET
        elif isinstance(self.allocated_resources, ContainerStatusAllocatedResourcesType0):
            allocated_resources = self.allocated_resources.to_dict()
        else:
            allocated_resources = self.allocated_resources

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, ResourceRequirements):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        stop_signal: None | str | Unset
        if isinstance(self.stop_signal, Unset):
            stop_signal = UNSET
        else:
            stop_signal = self.stop_signal

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if state is not UNSET:
            field_dict["state"] = state
        if last_state is not UNSET:
            field_dict["lastState"] = last_state
        if ready is not UNSET:
            field_dict["ready"] = ready
        if restart_count is not UNSET:
            field_dict["restartCount"] = restart_count
        if image is not UNSET:
            field_dict["image"] = image
        if image_id is not UNSET:
            field_dict["imageID"] = image_id
        if container_id is not UNSET:
            field_dict["containerID"] = container_id
        if started is not UNSET:
            field_dict["started"] = started
        if allocated_resources is not UNSET:
            field_dict["allocatedResources"] = allocated_resources
        if resources is not UNSET:
            field_dict["resources"] = resources
        if stop_signal is not UNSET:
            field_dict["stopSignal"] = stop_signal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_state import ContainerState
        from ..models.container_status_allocated_resources_type_0 import (
            ContainerStatusAllocatedResourcesType0,
        )
        from ..models.resource_requirements import ResourceRequirements

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _state = d.pop("state", UNSET)
        state: ContainerState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = ContainerState.from_dict(_state)

        _last_state = d.pop("lastState", UNSET)
        last_state: ContainerState | Unset
        if isinstance(_last_state, Unset):
            last_state = UNSET
        else:
            last_state = ContainerState.from_dict(_last_state)

        ready = d.pop("ready", UNSET)

        restart_count = d.pop("restartCount", UNSET)

        image = d.pop("image", UNSET)

        image_id = d.pop("imageID", UNSET)

        def _parse_container_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        container_id = _parse_container_id(d.pop("containerID", UNSET))

        def _parse_started(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        started = _parse_started(d.pop("started", UNSET))

        def _parse_allocated_resources(
            data: object,
        ) -> ContainerStatusAllocatedResourcesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                allocated_resources_type_0 = ContainerStatusAllocatedResourcesType0.from_dict(data)

                return allocated_resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerStatusAllocatedResourcesType0 | None | Unset, data)

        allocated_resources = _parse_allocated_resources(d.pop("allocatedResources", UNSET))

        def _parse_resources(data: object) -> None | ResourceRequirements | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resources_type_0 = ResourceRequirements.from_dict(data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceRequirements | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        def _parse_stop_signal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_signal = _parse_stop_signal(d.pop("stopSignal", UNSET))

        container_status = cls(
            name=name,
            state=state,
            last_state=last_state,
            ready=ready,
            restart_count=restart_count,
            image=image,
            image_id=image_id,
            container_id=container_id,
            started=started,
            allocated_resources=allocated_resources,
            resources=resources,
            stop_signal=stop_signal,
        )

        return container_status
