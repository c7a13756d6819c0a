from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.watch_event_type import WatchEventType, check_watch_event_type

T = TypeVar("T", bound="WatchEvent")


@_attrs_define
class WatchEvent:
    """One line of a watch stream: ``{"type": "ADDED", "object": {...}}``.

    ``object`` is the already-encoded object (``msgspec.Raw(encode(pod))``).

    Attributes:
        type_ (WatchEventType):
        object_ (Any): the object; a Status for an ERROR event
    """

    type_: WatchEventType
    object_: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "object": object_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_watch_event_type(d.pop("type"))

        object_ = d.pop("object")

        watch_event = cls(
            type_=type_,
            object_=object_,
        )

        watch_event.additional_properties = d
        return watch_event

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
