from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lifecycle_handler import LifecycleHandler


T = TypeVar("T", bound="Lifecycle")


@_attrs_define
class Lifecycle:
    """
    Attributes:
        post_start (LifecycleHandler | None | Unset):
        pre_stop (LifecycleHandler | None | Unset):
        stop_signal (None | str | Unset):
    """

    post_start: LifecycleHandler | None | Unset = UNSET
    pre_stop: LifecycleHandler | None | Unset = UNSET
    stop_signal: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.lifecycle_handler import LifecycleHandler

        post_start: dict[str, Any] | None | Unset
        if isinstance(self.post_start, Unset):
            post_start = UNSET
        elif isinstance(self.post_start, LifecycleHandler):
            post_start = self.post_start.to_dict()
        else:
            post_start = self.post_start

        pre_stop: dict[str, Any] | None | Unset
        if isinstance(self.pre_stop, Unset):
            pre_stop = UNSET
        elif isinstance(self.pre_stop, LifecycleHandler):
            pre_stop = self.pre_stop.to_dict()
        else:
            pre_stop = self.pre_stop

        stop_signal: None | str | Unset
        if isinstance(self.stop_signal, Unset):
            stop_signal = UNSET
        else:
            stop_signal = self.stop_signal

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if post_start is not UNSET:
            field_dict["postStart"] = post_start
        if pre_stop is not UNSET:
            field_dict["preStop"] = pre_stop
        if stop_signal is not UNSET:
            field_dict["stopSignal"] = stop_signal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lifecycle_handler import LifecycleHandler

        d = dict(src_dict)

        def _parse_post_start(data: object) -> LifecycleHandler | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                post_start_type_0 = LifecycleHandler.from_dict(data)

                return post_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LifecycleHandler | None | Unset, data)

        post_start = _parse_post_start(d.pop("postStart", UNSET))

        def _parse_pre_stop(data: object) -> LifecycleHandler | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pre_stop_type_0 = LifecycleHandler.from_dict(data)

                return pre_stop_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LifecycleHandler | None | Unset, data)

        pre_stop = _parse_pre_stop(d.pop("preStop", UNSET))

        def _parse_stop_signal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_signal = _parse_stop_signal(d.pop("stopSignal", UNSET))

        lifecycle = cls(
            post_start=post_start,
            pre_stop=pre_stop,
            stop_signal=stop_signal,
        )

        return lifecycle
