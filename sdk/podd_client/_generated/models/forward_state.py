from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.port_forward import PortForward


T = TypeVar("T", bound="ForwardState")


@_attrs_define
class ForwardState:
    """
    Attributes:
        id (int):
        forward (PortForward): A containerPort with a hostPort: hostIP:hostPort → pod:containerPort.
    """

    id: int
    forward: PortForward
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        forward = self.forward.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "forward": forward,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.port_forward import PortForward

        d = dict(src_dict)
        id = d.pop("id")

        forward = PortForward.from_dict(d.pop("forward"))

        forward_state = cls(
            id=id,
            forward=forward,
        )

        forward_state.additional_properties = d
        return forward_state

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
