from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.layer_progress_state import LayerProgressState, check_layer_progress_state
from ..models.layer_progress_type import LayerProgressType, check_layer_progress_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="LayerProgress")


@_attrs_define
class LayerProgress:
    """One layer's state; ``current``/``total`` in compressed bytes.

    Attributes:
        type_ (LayerProgressType):
        digest (str):
        state (LayerProgressState):
        current (int | Unset):  Default: 0.
        total (int | Unset):  Default: 0.
        message (None | str | Unset):
    """

    type_: LayerProgressType
    digest: str
    state: LayerProgressState
    current: int | Unset = 0
    total: int | Unset = 0
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        digest = self.digest

        state: str = self.state

        current = self.current

        total = self.total

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "digest": digest,
                "state": state,
            }
        )
        if current is not UNSET:
            field_dict["current"] = current
        if total is not UNSET:
            field_dict["total"] = total
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_layer_progress_type(d.pop("type"))

        digest = d.pop("digest")

        state = check_layer_progress_state(d.pop("state"))

        current = d.pop("current", UNSET)

        total = d.pop("total", UNSET)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        layer_progress = cls(
            type_=type_,
            digest=digest,
            state=state,
            current=current,
            total=total,
            message=message,
        )

        layer_progress.additional_properties = d
        return layer_progress

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
