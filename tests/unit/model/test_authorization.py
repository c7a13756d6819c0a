"""``ValidateSelfSubjectAccessReview`` (Kubernetes 1.32) on podd's Structs:
the union of the two attribute kinds, the selector attributes of a resource
review (raw or requirements, each requirement's values by operator, label
keys), empty metadata."""

from __future__ import annotations

import pytest

from podd.model.authorization import (
    FieldSelectorAttributes,
    LabelSelectorAttributes,
    NonResourceAttributes,
    ResourceAttributes,
    SelfSubjectAccessReview,
    SelfSubjectAccessReviewSpec,
    validate_access_review,
)
from podd.model.codec import decode_body
from podd.model.meta import ObjectMeta
from podd.model.requirement import FieldSelectorRequirement, LabelSelectorRequirement


def _causes(review: SelfSubjectAccessReview) -> list[tuple[str, str]]:
    return [(c.field or "", c.message or "") for c in validate_access_review(review)]


def _resource(**attrs: object) -> SelfSubjectAccessReview:
    spec = SelfSubjectAccessReviewSpec(resource_attributes=ResourceAttributes(**attrs))  # type: ignore[arg-type]
    return SelfSubjectAccessReview(spec=spec)


def test_one_kind_of_attributes_is_valid() -> None:
    assert _causes(_resource(verb="list", resource="pods")) == []
    spec = SelfSubjectAccessReviewSpec(non_resource_attributes=NonResourceAttributes(path="/"))
    assert _causes(SelfSubjectAccessReview(spec=spec)) == []


def test_managed_fields_alone_leave_metadata_empty() -> None:
    review, _ = decode_body(
        b'{"metadata":{"creationTimestamp":null,"managedFields":[]},'
        b'"spec":{"resourceAttributes":{"verb":"get"}}}',
        "application/json",
        SelfSubjectAccessReview,
    )
    assert _causes(review) == []
    labelled = _resource(verb="get")
    labelled.metadata = ObjectMeta(labels={"a": "b"})
    assert _causes(labelled) == [("metadata", 'Invalid value: {"labels":{"a":"b"}}: must be empty')]


def test_a_selector_needs_raw_or_requirements_not_both() -> None:
    empty = _resource(verb="list", field_selector=FieldSelectorAttributes())
    assert _causes(empty) == [
        (
            "spec.resourceAttributes.fieldSelector.requirements",
            "Required value: when spec.resourceAttributes.fieldSelector is specified, "
            "requirements or rawSelector is required",
        )
    ]
    both = _resource(
        verb="list",
        label_selector=LabelSelectorAttributes(
            raw_selector="a=b",
            requirements=[LabelSelectorRequirement(key="a", operator="Exists")],
        ),
    )
    assert _causes(both) == [
        (
            "spec.resourceAttributes.labelSelector.rawSelector",
            'Invalid value: "a=b": may not specified at the same time as requirements',
        )
    ]


@pytest.mark.parametrize(
    ("operator", "values", "expected"),
    [
        ("In", ["x"], []),
        ("In", None, ["Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        ("NotIn", [], ["Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        (
            "Exists",
            ["x"],
            ["Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
        ),
        ("DoesNotExist", None, []),
        ("Gt", ["1"], []),  # an operator from a newer client only describes the request
    ],
)
def test_requirement_values_follow_the_operator(
    operator: str, values: list[str] | None, expected: list[str]
) -> None:
    req = FieldSelectorRequirement(key="spec.nodeName", operator=operator, values=values)
    review = _resource(verb="list", field_selector=FieldSelectorAttributes(requirements=[req]))
    causes = _causes(review)
    assert [m for _, m in causes] == expected
    assert all(
        f.startswith("spec.resourceAttributes.fieldSelector.requirements[0]") for f, _ in causes
    )


def test_a_label_requirement_key_is_a_qualified_name() -> None:
    req = LabelSelectorRequirement(key="bad key!", operator="Exists")
    review = _resource(verb="list", label_selector=LabelSelectorAttributes(requirements=[req]))
    fields = {f for f, _ in _causes(review)}
    assert fields == {"spec.resourceAttributes.labelSelector.requirements[0].key"}
