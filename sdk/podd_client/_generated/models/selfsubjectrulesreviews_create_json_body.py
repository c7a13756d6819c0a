from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.self_subject_rules_review_api_version import (
    SelfSubjectRulesReviewApiVersion,
    check_self_subject_rules_review_api_version,
)
from ..models.self_subject_rules_review_kind import (
    SelfSubjectRulesReviewKind,
    check_self_subject_rules_review_kind,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta import ObjectMeta
    from ..models.self_subject_rules_review_spec import SelfSubjectRulesReviewSpec
    from ..models.subject_rules_review_status import SubjectRulesReviewStatus


T = TypeVar("T", bound="SelfsubjectrulesreviewsCreateJsonBody")


@_attrs_define
class SelfsubjectrulesreviewsCreateJsonBody:
    """
    Attributes:
        spec (SelfSubjectRulesReviewSpec): The namespace whose rules are asked for (required).
        api_version (SelfSubjectRulesReviewApiVersion | Unset):
        kind (SelfSubjectRulesReviewKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        status (None | SubjectRulesReviewStatus | Unset):
    """

    spec: SelfSubjectRulesReviewSpec
    api_version: SelfSubjectRulesReviewApiVersion | Unset = UNSET
    kind: SelfSubjectRulesReviewKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    status: None | SubjectRulesReviewStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.subject_rules_review_status import SubjectRulesReviewStatus

        spec = self.spec.to_dict()

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
        elif isinstance(self.status, SubjectRulesReviewStatus):
            status = self.status.to_dict()
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "spec": spec,
            }
        )
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
        from ..models.self_subject_rules_review_spec import SelfSubjectRulesReviewSpec
        from ..models.subject_rules_review_status import SubjectRulesReviewStatus

        d = dict(src_dict)
        spec = SelfSubjectRulesReviewSpec.from_dict(d.pop("spec"))

        _api_version = d.pop("apiVersion", UNSET)
        api_version: SelfSubjectRulesReviewApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_self_subject_rules_review_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: SelfSubjectRulesReviewKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_self_subject_rules_review_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        def _parse_status(data: object) -> None | SubjectRulesReviewStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                status_type_0 = SubjectRulesReviewStatus.from_dict(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubjectRulesReviewStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        selfsubjectrulesreviews_create_json_body = cls(
            spec=spec,
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            status=status,
        )

        selfsubjectrulesreviews_create_json_body.additional_properties = d
        return selfsubjectrulesreviews_create_json_body

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
