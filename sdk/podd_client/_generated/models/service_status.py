from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.load_balancer_status import LoadBalancerStatus
    from ..models.service_condition import ServiceCondition


T = TypeVar("T", bound="ServiceStatus")


@_attrs_define
class ServiceStatus:
    """
    Attributes:
        load_balancer (LoadBalancerStatus | Unset):
        conditions (list[ServiceCondition] | None | Unset):
    """

    load_balancer: LoadBalancerStatus | Unset = UNSET
    conditions: list[ServiceCondition] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        load_balancer: dict[str, Any] | Unset = UNSET
        if not isinstance(self.load_balancer, Unset):
            load_balancer = self.load_balancer.to_dict()

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if load_balancer is not UNSET:
            field_dict["loadBalancer"] = load_balancer
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.load_balancer_status import LoadBalancerStatus
        from ..models.service_condition import ServiceCondition

        d = dict(src_dict)
        _load_balancer = d.pop("loadBalancer", UNSET)
        load_balancer: LoadBalancerStatus | Unset
        if isinstance(_load_balancer, Unset):
            load_balancer = UNSET
        else:
            load_balancer = LoadBalancerStatus.from_dict(_load_balancer)

        def _parse_conditions(data: object) -> list[ServiceCondition] | None | Unset:
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
                    conditions_type_0_item = ServiceCondition.from_dict(conditions_type_0_item_data)

                    conditions_type_0.append(conditions_type_0_item)

                return conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ServiceCondition] | None | Unset, data)

        conditions = _parse_conditions(d.pop("conditions", UNSET))

        service_status = cls(
            load_balancer=load_balancer,
            conditions=conditions,
        )

        return service_status
