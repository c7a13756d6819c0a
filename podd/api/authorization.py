"""authorization.k8s.io/v1 for ``kubectl auth can-i``: podd has a single
user, who owns every object, so every well-formed question is answered yes.

* SelfSubjectAccessReview: validated as the apiserver does (exactly one of
  ``resourceAttributes``/``nonResourceAttributes``, empty metadata, selector
  attributes), then ``status.allowed: true`` with the reason.
* SelfSubjectRulesReview (``can-i --list``): one rule allowing every verb on
  every resource of every group and one for every non-resource URL; a review
  without ``spec.namespace`` is the apiserver's 400 "no namespace on request".
"""

from __future__ import annotations

from typing import Any

import msgspec

from podd.api.errors import APIError
from podd.api.reviews import ReviewType
from podd.model import authorization as az
from podd.model import status as st
from podd.model.authentication import UserInfo
from podd.model.errors import InvalidError

__all__ = ["ACCESS_REVIEWS", "REASON", "RULES_REVIEWS", "access_review", "rules_review"]

REASON = "podd has a single user, who owns every object: everything is allowed"


def access_review(_: UserInfo, review: az.SelfSubjectAccessReview) -> az.SelfSubjectAccessReview:
    causes = az.validate_access_review(review)
    if causes:
        raise InvalidError(causes)
    status = az.SubjectAccessReviewStatus(allowed=True, reason=REASON)
    return msgspec.structs.replace(review, status=status)


def rules_review(_: UserInfo, review: az.SelfSubjectRulesReview) -> az.SelfSubjectRulesReview:
    if not review.spec.namespace:
        raise APIError(st.bad_request("no namespace on request"))
    everything = az.ResourceRule(verbs=["*"], api_groups=["*"], resources=["*"])
    every_url = az.NonResourceRule(verbs=["*"], non_resource_urls=["*"])
    # Only the status: the apiserver answers a new object, not the request.
    return az.SelfSubjectRulesReview(
        status=az.SubjectRulesReviewStatus(
            resource_rules=[everything], non_resource_rules=[every_url]
        )
    )


# The contract states the server's rules that a JSON schema can state.
def _only(present: str, absent: str) -> dict[str, Any]:
    return {
        "required": [present],
        "properties": {present: {"type": "object"}, absent: {"type": "null"}},
    }


_EXACTLY_ONE: dict[str, Any] = {
    "allOf": [
        {"$ref": "#/components/schemas/SelfSubjectAccessReview"},
        {
            "type": "object",
            "required": ["spec"],
            "properties": {
                "spec": {
                    "type": "object",
                    "oneOf": [
                        _only("resourceAttributes", "nonResourceAttributes"),
                        _only("nonResourceAttributes", "resourceAttributes"),
                    ],
                }
            },
        },
    ]
}
_NAMESPACE_REQUIRED: dict[str, Any] = {
    "allOf": [
        {"$ref": "#/components/schemas/SelfSubjectRulesReview"},
        {
            "type": "object",
            "required": ["spec"],
            "properties": {
                "spec": {
                    "type": "object",
                    "required": ["namespace"],
                    "properties": {"namespace": {"type": "string", "minLength": 1}},
                }
            },
        },
    ]
}

ACCESS_REVIEWS = ReviewType(
    kind="SelfSubjectAccessReview",
    plural="selfsubjectaccessreviews",
    singular="selfsubjectaccessreview",
    api_version=az.API_VERSION,
    struct=az.SelfSubjectAccessReview,
    review=access_review,
    request_schema=_EXACTLY_ONE,
)
RULES_REVIEWS = ReviewType(
    kind="SelfSubjectRulesReview",
    plural="selfsubjectrulesreviews",
    singular="selfsubjectrulesreview",
    api_version=az.API_VERSION,
    struct=az.SelfSubjectRulesReview,
    review=rules_review,
    request_schema=_NAMESPACE_REQUIRED,
)
