from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.status_cause import StatusCause


T = TypeVar("T", bound="StatusDetails")


@_attrs_define
class StatusDetails:
    """
    Attributes:
        name (None | str | Unset):
        group (None | str | Unset):
        kind (None | str | Unset):
        uid (None | str | Unset):
        causes (list[StatusCause] | None | Unset):
        retry_after_seconds (int | None | Unset):
    """

    name: None | str | Unset = UNSET
    group: None | str | Unset = UNSET
    kind: None | str | Unset = UNSET
    uid: None | str | Unset = UNSET
    causes: list[StatusCause] | None | Unset = UNSET
    retry_after_seconds: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        group: None | str | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        causes: list[dict[str, Any]] | None | Unset
        if isinstance(self.causes, Unset):
            causes = UNSET
        elif isinstance(self.causes, list):
            causes = []
            for causes_type_0_item_data in self.causes:
                causes_type_0_item = causes_type_0_item_data.to_dict()
                causes.append(causes_type_0_item)

        else:
            causes = self.causes

        retry_after_seconds: int | None | Unset
        if isinstance(self.retry_after_seconds, Unset):
            retry_after_seconds = UNSET
        else:
            retry_after_seconds = self.retry_after_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if group is not UNSET:
            field_dict["group"] = group
        if kind is not UNSET:
            field_dict["kind"] = kind
        if uid is not UNSET:
            field_dict["uid"] = uid
        if causes is not UNSET:
            field_dict["causes"] = causes
        if retry_after_seconds is not UNSET:
            field_dict["retryAfterSeconds"] = retry_after_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.status_cause import StatusCause

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        def _parse_causes(data: object) -> list[StatusCause] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                causes_type_0 = []
                _causes_type_0 = data
                for causes_type_0_item_data in _causes_type_0:
                    causes_type_0_item = StatusCause.from_dict(causes_type_0_item_data)

                    causes_type_0.append(causes_type_0_item)

                return causes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StatusCause] | None | Unset, data)

        causes = _parse_causes(d.pop("causes", UNSET))

        def _parse_retry_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        retry_after_seconds = _parse_retry_after_seconds(d.pop("retryAfterSeconds", UNSET))

        status_details = cls(
            name=name,
            group=group,
            kind=kind,
            uid=uid,
            causes=causes,
            retry_after_seconds=retry_after_seconds,
        )

        return status_details
