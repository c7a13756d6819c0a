"""authentication.k8s.io/v1's SelfSubjectReview for ``kubectl auth whoami``:
the user the request authenticated as (``identity``), in a new object, as
the apiserver answers it."""

from __future__ import annotations

from podd.api.reviews import ReviewType
from podd.model import authentication as an
from podd.model.meta import ObjectMeta
from podd.model.timeutil import now_rfc3339

__all__ = ["SELF_REVIEWS", "self_review"]


def self_review(user: an.UserInfo, _: an.SelfSubjectReview) -> an.SelfSubjectReview:
    return an.SelfSubjectReview(
        metadata=ObjectMeta(creation_timestamp=now_rfc3339()),
        status=an.SelfSubjectReviewStatus(user_info=user),
    )


SELF_REVIEWS = ReviewType(
    kind="SelfSubjectReview",
    plural="selfsubjectreviews",
    singular="selfsubjectreview",
    api_version=an.API_VERSION,
    struct=an.SelfSubjectReview,
    review=self_review,
)
