from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SelfSubjectRulesReviewSpec")


@_attrs_define
class SelfSubjectRulesReviewSpec:
    """The namespace whose rules are asked for (required).

    Attributes:
        namespace (None | str | Unset):
    """

    namespace: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        self_subject_rules_review_spec = cls(
            namespace=namespace,
        )

        return self_subject_rules_review_spec
