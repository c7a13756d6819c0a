from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.status_api_version import StatusApiVersion, check_status_api_version
from ..models.status_kind import StatusKind, check_status_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_meta import ListMeta
    from ..models.status_details import StatusDetails


T = TypeVar("T", bound="Status")


@_attrs_define
class Status:
    """
    Attributes:
        api_version (StatusApiVersion | Unset):
        kind (StatusKind | Unset):
        metadata (ListMeta | Unset): Metadata of a list: its resourceVersion and the continue token.
        status (None | str | Unset):
        message (None | str | Unset):
        reason (None | str | Unset):
        details (None | StatusDetails | Unset):
        code (int | None | Unset):
    """

    api_version: StatusApiVersion | Unset = UNSET
    kind: StatusKind | Unset = UNSET
    metadata: ListMeta | Unset = UNSET
    status: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    details: None | StatusDetails | Unset = UNSET
    code: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.status_details import StatusDetails

        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

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

        details: dict[str, Any] | None | Unset
        if isinstance(self.details, Unset):
            details = UNSET
        elif isinstance(self.details, StatusDetails):
            details = self.details.to_dict()
        else:
            details = self.details

        code: int | None | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if status is not UNSET:
            field_dict["status"] = status
        if message is not UNSET:
            field_dict["message"] = message
        if reason is not UNSET:
            field_dict["reason"] = reason
        if details is not UNSET:
            field_dict["details"] = details
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_meta import ListMeta
        from ..models.status_details import StatusDetails

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: StatusApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_status_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: StatusKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_status_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ListMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ListMeta.from_dict(_metadata)

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

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

        def _parse_details(data: object) -> None | StatusDetails | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                details_type_0 = StatusDetails.from_dict(data)

                return details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StatusDetails | Unset, data)

        details = _parse_details(d.pop("details", UNSET))

        def _parse_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        status = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            status=status,
            message=message,
            reason=reason,
            details=details,
            code=code,
        )

        return status
