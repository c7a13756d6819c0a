"""authorization.k8s.io/v1: the reviews a client asks "may I?" with
(``kubectl auth can-i``), and their rules.

podd has one user, who owns everything: a review is never stored, and its
answer only depends on the request being well-formed (validated as the
apiserver's ``ValidateSelfSubjectAccessReview`` does).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from podd.model import field as f
from podd.model.base import K8sStruct, always, always_list
from podd.model.field import Path, StatusCause
from podd.model.meta import ObjectMeta
from podd.model.requirement import (
    FieldSelectorRequirement,
    LabelSelectorRequirement,
    validate_field_requirement,
    validate_label_requirement,
)

__all__ = [
    "API_VERSION",
    "FieldSelectorAttributes",
    "LabelSelectorAttributes",
    "NonResourceAttributes",
    "NonResourceRule",
    "ResourceAttributes",
    "ResourceRule",
    "SelfSubjectAccessReview",
    "SelfSubjectAccessReviewSpec",
    "SelfSubjectRulesReview",
    "SelfSubjectRulesReviewSpec",
    "SubjectAccessReviewStatus",
    "SubjectRulesReviewStatus",
    "validate_access_review",
    "validate_empty_metadata",
]

API_VERSION = "authorization.k8s.io/v1"  # names the OpenAPI definitions (kubeopenapi.names)


class FieldSelectorAttributes(K8sStruct):
    """The field selector of the list or watch a review asks about: raw, or as requirements."""

    raw_selector: str | None = None
    requirements: list[FieldSelectorRequirement] | None = None


class LabelSelectorAttributes(K8sStruct):
    """The label selector of the list or watch a review asks about: raw, or as requirements."""

    raw_selector: str | None = None
    requirements: list[LabelSelectorRequirement] | None = None


class ResourceAttributes(K8sStruct):
    """The request on a resource a review asks about: the verb, the resource and where."""

    namespace: str | None = None
    verb: str | None = None
    group: str | None = None
    version: str | None = None
    resource: str | None = None
    subresource: str | None = None
    name: str | None = None
    field_selector: FieldSelectorAttributes | None = None
    label_selector: LabelSelectorAttributes | None = None


class NonResourceAttributes(K8sStruct):
    """The request on a URL path that is no resource (``/healthz``) a review asks about."""

    path: str | None = None
    verb: str | None = None


class SelfSubjectAccessReviewSpec(K8sStruct):
    """The question: exactly one of resourceAttributes and nonResourceAttributes."""

    resource_attributes: ResourceAttributes | None = None
    non_resource_attributes: NonResourceAttributes | None = None


class SubjectAccessReviewStatus(K8sStruct):
    """The answer: whether the request is allowed, and why."""

    allowed: bool = always(False)
    denied: bool | None = None
    reason: str | None = None
    evaluation_error: str | None = None


class SelfSubjectAccessReview(K8sStruct):
    """SelfSubjectAccessReview checks whether the current user can perform an
    action (``kubectl auth can-i``). podd has one user, who may do everything."""

    api_version: str = always(API_VERSION)
    kind: str = always("SelfSubjectAccessReview")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: SelfSubjectAccessReviewSpec = msgspec.field(default_factory=SelfSubjectAccessReviewSpec)
    status: SubjectAccessReviewStatus | None = None


class SelfSubjectRulesReviewSpec(K8sStruct):
    """The namespace whose rules are asked for (required)."""

    namespace: str | None = None


class ResourceRule(K8sStruct):
    """The verbs allowed on resources (``*`` is every one) of API groups."""

    verbs: list[str] = always_list()
    api_groups: list[str] | None = None
    resources: list[str] | None = None
    resource_names: list[str] | None = None


class NonResourceRule(K8sStruct):
    """The verbs allowed on URL paths that are no resources (``*`` is every one)."""

    verbs: list[str] = always_list()
    non_resource_urls: list[str] | None = msgspec.field(default=None, name="nonResourceURLs")


class SubjectRulesReviewStatus(K8sStruct):
    """The rules the current user has in the namespace."""

    resource_rules: list[ResourceRule] = always_list()
    non_resource_rules: list[NonResourceRule] = always_list()
    incomplete: bool = always(False)
    evaluation_error: str | None = None


class SelfSubjectRulesReview(K8sStruct):
    """SelfSubjectRulesReview lists what the current user can do in a
    namespace (``kubectl auth can-i --list``)."""

    api_version: str = always(API_VERSION)
    kind: str = always("SelfSubjectRulesReview")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: SelfSubjectRulesReviewSpec = msgspec.field(default_factory=SelfSubjectRulesReviewSpec)
    status: SubjectRulesReviewStatus | None = None


def validate_empty_metadata(meta: ObjectMeta) -> list[StatusCause]:
    """A review is no object: its metadata must be empty (managedFields aside)."""
    if msgspec.structs.replace(meta, managed_fields=None) == ObjectMeta():
        return []
    return [f.invalid(Path("metadata"), meta, "must be empty")]


def validate_access_review(review: SelfSubjectAccessReview) -> list[StatusCause]:
    """``ValidateSelfSubjectAccessReview`` (Kubernetes 1.32): exactly one of the
    two attribute kinds, well-formed selectors, empty metadata."""
    spec, path = review.spec, Path("spec")
    causes: list[StatusCause] = []
    if spec.resource_attributes is not None and spec.non_resource_attributes is not None:
        causes.append(
            f.invalid(
                path.child("nonResourceAttributes"),
                spec.non_resource_attributes,
                "cannot be specified in combination with resourceAttributes",
            )
        )
    if spec.resource_attributes is None and spec.non_resource_attributes is None:
        causes.append(
            f.invalid(
                path.child("resourceAttributes"),
                None,
                "exactly one of nonResourceAttributes or resourceAttributes must be specified",
            )
        )
    if spec.resource_attributes is not None:
        causes += _selectors(spec.resource_attributes, path.child("resourceAttributes"))
    return causes + validate_empty_metadata(review.metadata)


def _selectors(attrs: ResourceAttributes, path: Path) -> list[StatusCause]:
    causes: list[StatusCause] = []
    if (fs := attrs.field_selector) is not None:
        at = path.child("fieldSelector")
        causes += _raw_or_requirements(fs.raw_selector, fs.requirements, at)
        for i, freq in enumerate(fs.requirements or []):
            causes += validate_field_requirement(freq, at.child("requirements").index(i))
    if (ls := attrs.label_selector) is not None:
        at = path.child("labelSelector")
        causes += _raw_or_requirements(ls.raw_selector, ls.requirements, at)
        for i, lreq in enumerate(ls.requirements or []):
            causes += validate_label_requirement(lreq, at.child("requirements").index(i))
    return causes


def _raw_or_requirements(
    raw: str | None, reqs: Sequence[object] | None, at: Path
) -> list[StatusCause]:
    if raw and reqs:
        return [
            f.invalid(
                at.child("rawSelector"), raw, "may not specified at the same time as requirements"
            )
        ]
    if not raw and not reqs:
        detail = f"when {at} is specified, requirements or rawSelector is required"
        return [f.required(at.child("requirements"), detail)]
    return []
