from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.load_balancer_ingress import LoadBalancerIngress


T = TypeVar("T", bound="LoadBalancerStatus")


@_attrs_define
class LoadBalancerStatus:
    """
    Attributes:
        ingress (list[LoadBalancerIngress] | None | Unset):
    """

    ingress: list[LoadBalancerIngress] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ingress: list[dict[str, Any]] | None | Unset
        if isinstance(self.ingress, Unset):
            ingress = UNSET
        elif isinstance(self.ingress, list):
            ingress = []
            for ingress_type_0_item_data in self.ingress:
                ingress_type_0_item = ingress_type_0_item_data.to_dict()
                ingress.append(ingress_type_0_item)

        else:
            ingress = self.ingress

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ingress is not UNSET:
            field_dict["ingress"] = ingress

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.load_balancer_ingress import LoadBalancerIngress

        d = dict(src_dict)

        def _parse_ingress(data: object) -> list[LoadBalancerIngress] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ingress_type_0 = []
                _ingress_type_0 = data
                for ingress_type_0_item_data in _ingress_type_0:
                    ingress_type_0_item = LoadBalancerIngress.from_dict(ingress_type_0_item_data)

                    ingress_type_0.append(ingress_type_0_item)

                return ingress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LoadBalancerIngress] | None | Unset, data)

        ingress = _parse_ingress(d.pop("ingress", UNSET))

        load_balancer_status = cls(
            ingress=ingress,
        )

        return load_balancer_status
