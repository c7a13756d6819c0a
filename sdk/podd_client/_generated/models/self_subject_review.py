from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.self_subject_review_api_version import (
    SelfSubjectReviewApiVersion,
    check_self_subject_review_api_version,
)
from ..models.self_subject_review_kind import (
    SelfSubjectReviewKind,
    check_self_subject_review_kind,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta import ObjectMeta
    from ..models.self_subject_review_status import SelfSubjectReviewStatus


T = TypeVar("T", bound="SelfSubjectReview")


@_attrs_define
class SelfSubjectReview:
    """SelfSubjectReview tells the user who they are, as the server
    authenticated them (``kubectl auth whoami``).

    Attributes:
        api_version (SelfSubjectReviewApiVersion | Unset):
        kind (SelfSubjectReviewKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        status (None | SelfSubjectReviewStatus | Unset):
    """

    api_version: SelfSubjectReviewApiVersion | Unset = UNSET
    kind: SelfSubjectReviewKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    status: None | SelfSubjectReviewStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.self_subject_review_status import SelfSubjectReviewStatus

        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        status: dict[str, Any] | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, SelfSubjectReviewStatus):
            status = self.status.to_dict()
        else:
            status = self.status

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_meta import ObjectMeta
        from ..models.self_subject_review_status import SelfSubjectReviewStatus

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: SelfSubjectReviewApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_self_subject_review_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: SelfSubjectReviewKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_self_subject_review_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        def _parse_status(data: object) -> None | SelfSubjectReviewStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                status_type_0 = SelfSubjectReviewStatus.from_dict(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SelfSubjectReviewStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        self_subject_review = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            status=status,
        )

        return self_subject_review
