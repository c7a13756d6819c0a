from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.non_resource_rule import NonResourceRule
    from ..models.resource_rule import ResourceRule


T = TypeVar("T", bound="SubjectRulesReviewStatus")


@_attrs_define
class SubjectRulesReviewStatus:
    """The rules the current user has in the namespace.

    Attributes:
        resource_rules (list[ResourceRule] | Unset):
        non_resource_rules (list[NonResourceRule] | Unset):
        incomplete (bool | Unset):
        evaluation_error (None | str | Unset):
    """

    resource_rules: list[ResourceRule] | Unset = UNSET
    non_resource_rules: list[NonResourceRule] | Unset = UNSET
    incomplete: bool | Unset = UNSET
    evaluation_error: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        resource_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.resource_rules, Unset):
            resource_rules = []
            for resource_rules_item_data in self.resource_rules:
                resource_rules_item = resource_rules_item_data.to_dict()
                resource_rules.append(resource_rules_item)

        non_resource_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.non_resource_rules, Unset):
            non_resource_rules = []
            for non_resource_rules_item_data in self.non_resource_rules:
                non_resource_rules_item = non_resource_rules_item_data.to_dict()
                non_resource_rules.append(non_resource_rules_item)

        incomplete = self.incomplete

        evaluation_error: None | str | Unset
        if isinstance(self.evaluation_error, Unset):
            evaluation_error = UNSET
        else:
            evaluation_error = self.evaluation_error

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if resource_rules is not UNSET:
            field_dict["resourceRules"] = resource_rules
        if non_resource_rules is not UNSET:
            field_dict["nonResourceRules"] = non_resource_rules
        if incomplete is not UNSET:
            field_dict["incomplete"] = incomplete
        if evaluation_error is not UNSET:
            field_dict["evaluationError"] = evaluation_error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.non_resource_rule import NonResourceRule
        from ..models.resource_rule import ResourceRule

        d = dict(src_dict)
        _resource_rules = d.pop("resourceRules", UNSET)
        resource_rules: list[ResourceRule] | Unset = UNSET
        if _resource_rules is not UNSET:
            resource_rules = []
            for resource_rules_item_data in _resource_rules:
                resource_rules_item = ResourceRule.from_dict(resource_rules_item_data)

                resource_rules.append(resource_rules_item)

        _non_resource_rules = d.pop("nonResourceRules", UNSET)
        non_resource_rules: list[NonResourceRule] | Unset = UNSET
        if _non_resource_rules is not UNSET:
            non_resource_rules = []
            for non_resource_rules_item_data in _non_resource_rules:
                non_resource_rules_item = NonResourceRule.from_dict(non_resource_rules_item_data)

                non_resource_rules.append(non_resource_rules_item)

        incomplete = d.pop("incomplete", UNSET)

        def _parse_evaluation_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluation_error = _parse_evaluation_error(d.pop("evaluationError", UNSET))

        subject_rules_review_status = cls(
            resource_rules=resource_rules,
            non_resource_rules=non_resource_rules,
            incomplete=incomplete,
            evaluation_error=evaluation_error,
        )

        return subject_rules_review_status
