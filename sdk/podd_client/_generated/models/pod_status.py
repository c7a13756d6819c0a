from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_status import ContainerStatus
    from ..models.host_ip import HostIP
    from ..models.pod_condition import PodCondition
    from ..models.pod_ip import PodIP


T = TypeVar("T", bound="PodStatus")


@_attrs_define
class PodStatus:
    """
    Attributes:
        observed_generation (int | None | Unset):
        phase (None | str | Unset):
        conditions (list[PodCondition] | None | Unset):
        message (None | str | Unset):
        reason (None | str | Unset):
        nominated_node_name (None | str | Unset):
        host_ip (None | str | Unset):
        host_i_ps (list[HostIP] | None | Unset):
        pod_ip (None | str | Unset):
        pod_i_ps (list[PodIP] | None | Unset):
        start_time (None | str | Unset):
        init_container_statuses (list[ContainerStatus] | None | Unset):
        container_statuses (list[ContainerStatus] | None | Unset):
        qos_class (None | str | Unset):
        ephemeral_container_statuses (list[ContainerStatus] | None | Unset):
        resize (None | str | Unset):
    """

    observed_generation: int | None | Unset = UNSET
    phase: None | str | Unset = UNSET
    conditions: list[PodCondition] | None | Unset = UNSET
    message: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    nominated_node_name: None | str | Unset = UNSET
    host_ip: None | str | Unset = UNSET
    host_i_ps: list[HostIP] | None | Unset = UNSET
    pod_ip: None | str | Unset = UNSET
    pod_i_ps: list[PodIP] | None | Unset = UNSET
    start_time: None | str | Unset = UNSET
    init_container_statuses: list[ContainerStatus] | None | Unset = UNSET
    container_statuses: list[ContainerStatus] | None | Unset = UNSET
    qos_class: None | str | Unset = UNSET
    ephemeral_container_statuses: list[ContainerStatus] | None | Unset = UNSET
    resize: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        observed_generation: int | None | Unset
        if isinstance(self.observed_generation, Unset):
            observed_generation = UNSET
        else:
            observed_generation = self.observed_generation

        phase: None | str | Unset
        if isinstance(self.phase, Unset):
            phase = UNSET
        else:
            phase = self.phase

        conditions: list[dict[str, Any]] | None | Unset
        if isinstance(self.conditions, Unset):
            conditions = UNSET
        elif isinstance(self.conditions, list):
            conditions = []
            for conditions_type_0_item_data in self.conditions:
                conditions_type_0_item = conditions_type_0_item_data.to_dict()
                conditions.append(conditions_type_0_item)

        else:
            conditions = self.conditions

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        nominated_node_name: None | str | Unset
        if isinstance(self.nominated_node_name, Unset):
            nominated_node_name = UNSET
        else:
            nominated_node_name = self.nominated_node_name

        host_ip: None | str | Unset
        if isinstance(self.host_ip, Unset):
            host_ip = UNSET
        else:
            host_ip = self.host_ip

        host_i_ps: list[dict[str, Any]] | None | Unset
        if isinstance(self.host_i_ps, Unset):
            host_i_ps = UNSET
        elif isinstance(self.host_i_ps, list):
            host_i_ps = []
            for host_i_ps_type_0_item_data in self.host_i_ps:
                host_i_ps_type_0_item = host_i_ps_type_0_item_data.to_dict()
                host_i_ps.append(host_i_ps_type_0_item)

        else:
            host_i_ps = self.host_i_ps

        pod_ip: None | str | Unset
        if isinstance(self.pod_ip, Unset):
            pod_ip = UNSET
        else:
            pod_ip = self.pod_ip

        pod_i_ps: list[dict[str, Any]] | None | Unset
        if isinstance(self.pod_i_ps, Unset):
            pod_i_ps = UNSET
        elif isinstance(self.pod_i_ps, list):
            pod_i_ps = []
            for pod_i_ps_type_0_item_data in self.pod_i_ps:
                pod_i_ps_type_0_item = pod_i_ps_type_0_item_data.to_dict()
                pod_i_ps.append(pod_i_ps_type_0_item)

        else:
            pod_i_ps = self.pod_i_ps

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        else:
            start_time = self.start_time

        init_container_statuses: list[dict[str, Any]] | None | Unset
        if isinstance(self.init_container_statuses, Unset):
            init_container_statuses = UNSET
        elif isinstance(self.init_container_statuses, list):
            init_container_statuses = []
            for init_container_statuses_type_0_item_data in self.init_container_statuses:
                init_container_statuses_type_0_item = (
                    init_container_statuses_type_0_item_data.to_dict()
                )
                init_container_statuses.append(init_container_statuses_type_0_item)

        else:
            init_container_statuses = self.init_container_statuses

        container_statuses: list[dict[str, Any]] | None | Unset
        if isinstance(self.container_statuses, Unset):
            container_statuses = UNSET
        elif isinstance(self.container_statuses, list):
            container_statuses = []
            for container_statuses_type_0_item_data in self.container_statuses:
                container_statuses_type_0_item = container_statuses_type_0_item_data.to_dict()
                container_statuses.append(container_statuses_type_0_item)

        else:
            container_statuses = self.container_statuses

        qos_class: None | str | Unset
        if isinstance(self.qos_class, Unset):
            qos_class = UNSET
        else:
            qos_class = self.qos_class

        ephemeral_container_statuses: list[dict[str, Any]] | None | Unset
        if isinstance(self.ephemeral_container_statuses, Unset):
            ephemeral_container_statuses = UNSET
        elif isinstance(self.ephemeral_container_statuses, list):
            ephemeral_container_statuses = []
            for ephemeral_container_statuses_type_0_item_data in self.ephemeral_container_statuses:
                ephemeral_container_statuses_type_0_item = (
                    ephemeral_container_statuses_type_0_item_data.to_dict()
                )
                ephemeral_container_statuses.append(ephemeral_container_statuses_type_0_item)

        else:
            ephemeral_container_statuses = self.ephemeral_container_statuses

        resize: None | str | Unset
        if isinstance(self.resize, Unset):
            resize = UNSET
        else:
            resize = self.resize

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if observed_generation is not UNSET:
            field_dict["observedGeneration"] = observed_generation
        if phase is not UNSET:
            field_dict["phase"] = phase
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if message is not UNSET:
            field_dict["message"] = message
        if reason is not UNSET:
            field_dict["reason"] = reason
        if nominated_node_name is not UNSET:
            field_dict["nominatedNodeName"] = nominated_node_name
        if host_ip is not UNSET:
            field_dict["hostIP"] = host_ip
        if host_i_ps is not UNSET:
            field_dict["hostIPs"] = host_i_ps
        if pod_ip is not UNSET:
            field_dict["podIP"] = pod_ip
        if pod_i_ps is not UNSET:
            field_dict["podIPs"] = pod_i_ps
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if init_container_statuses is not UNSET:
            field_dict["initContainerStatuses"] = init_container_statuses
        if container_statuses is not UNSET:
            field_dict["containerStatuses"] = container_statuses
        if qos_class is not UNSET:
            field_dict["qosClass"] = qos_class
        if ephemeral_container_statuses is not UNSET:
            field_dict["ephemeralContainerStatuses"] = ephemeral_container_statuses
        if resize is not UNSET:
            field_dict["resize"] = resize

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_status import ContainerStatus
        from ..models.host_ip import HostIP
        from ..models.pod_condition import PodCondition
        from ..models.pod_ip import PodIP

        d = dict(src_dict)

        def _parse_observed_generation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        observed_generation = _parse_observed_generation(d.pop("observedGeneration", UNSET))

        def _parse_phase(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phase = _parse_phase(d.pop("phase", UNSET))

        def _parse_conditions(data: object) -> list[PodCondition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                conditions_type_0 = []
                _conditions_type_0 = data
                for conditions_type_0_item_data in _conditions_type_0:
                    conditions_type_0_item = PodCondition.from_dict(conditions_type_0_item_data)

                    conditions_type_0.append(conditions_type_0_item)

                return conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodCondition] | None | Unset, data)

        conditions = _parse_conditions(d.pop("conditions", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_nominated_node_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nominated_node_name = _parse_nominated_node_name(d.pop("nominatedNodeName", UNSET))

        def _parse_host_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        host_ip = _parse_host_ip(d.pop("hostIP", UNSET))

        def _parse_host_i_ps(data: object) -> list[HostIP] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                host_i_ps_type_0 = []
                _host_i_ps_type_0 = data
                for host_i_ps_type_0_item_data in _host_i_ps_type_0:
                    host_i_ps_type_0_item = HostIP.from_dict(host_i_ps_type_0_item_data)

                    host_i_ps_type_0.append(host_i_ps_type_0_item)

                return host_i_ps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[HostIP] | None | Unset, data)

        host_i_ps = _parse_host_i_ps(d.pop("hostIPs", UNSET))

        def _parse_pod_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pod_ip = _parse_pod_ip(d.pop("podIP", UNSET))

        def _parse_pod_i_ps(data: object) -> list[PodIP] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pod_i_ps_type_0 = []
                _pod_i_ps_type_0 = data
                for pod_i_ps_type_0_item_data in _pod_i_ps_type_0:
                    pod_i_ps_type_0_item = PodIP.from_dict(pod_i_ps_type_0_item_data)

                    pod_i_ps_type_0.append(pod_i_ps_type_0_item)

                return pod_i_ps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodIP] | None | Unset, data)

        pod_i_ps = _parse_pod_i_ps(d.pop("podIPs", UNSET))

        def _parse_start_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_time = _parse_start_time(d.pop("startTime", UNSET))

        def _parse_init_container_statuses(data: object) -> list[ContainerStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                init_container_statuses_type_0 = []
                _init_container_statuses_type_0 = data
                for init_container_statuses_type_0_item_data in _init_container_statuses_type_0:
                    init_container_statuses_type_0_item = ContainerStatus.from_dict(
                        init_container_statuses_type_0_item_data
                    )

                    init_container_statuses_type_0.append(init_container_statuses_type_0_item)

                return init_container_statuses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContainerStatus] | None | Unset, data)

        init_container_statuses = _parse_init_container_statuses(
            d.pop("initContainerStatuses", UNSET)
        )

        def _parse_container_statuses(data: object) -> list[ContainerStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                container_statuses_type_0 = []
                _container_statuses_type_0 = data
                for container_statuses_type_0_item_data in _container_statuses_type_0:
                    container_statuses_type_0_item = ContainerStatus.from_dict(
                        container_statuses_type_0_item_data
                    )

                    container_statuses_type_0.append(container_statuses_type_0_item)

                return container_statuses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContainerStatus] | None | Unset, data)

        container_statuses = _parse_container_statuses(d.pop("containerStatuses", UNSET))

        def _parse_qos_class(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        qos_class = _parse_qos_class(d.pop("qosClass", UNSET))

        def _parse_ephemeral_container_statuses(
            data: object,
        ) -> list[ContainerStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ephemeral_container_statuses_type_0 = []
                _ephemeral_container_statuses_type_0 = data
                for (
                    ephemeral_container_statuses_type_0_item_data
                ) in _ephemeral_container_statuses_type_0:
                    ephemeral_container_statuses_type_0_item = ContainerStatus.from_dict(
                        ephemeral_container_statuses_type_0_item_data
                    )

                    ephemeral_container_statuses_type_0.append(
                        ephemeral_container_statuses_type_0_item
                    )

                return ephemeral_container_statuses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContainerStatus] | None | Unset, data)

        ephemeral_container_statuses = _parse_ephemeral_container_statuses(
            d.pop("ephemeralContainerStatuses", UNSET)
        )

        def _parse_resize(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resize = _parse_resize(d.pop("resize", UNSET))

        pod_status = cls(
            observed_generation=observed_generation,
            phase=phase,
            conditions=conditions,
            message=message,
            reason=reason,
            nominated_node_name=nominated_node_name,
            host_ip=host_ip,
            host_i_ps=host_i_ps,
            pod_ip=pod_ip,
            pod_i_ps=pod_i_ps,
            start_time=start_time,
            init_container_statuses=init_container_statuses,
            container_statuses=container_statuses,
            qos_class=qos_class,
            ephemeral_container_statuses=ephemeral_container_statuses,
            resize=resize,
        )

        return pod_status
