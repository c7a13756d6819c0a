from typing import Literal

SelfSubjectAccessReviewKind = Literal["", "SelfSubjectAccessReview"]

SELF_SUBJECT_ACCESS_REVIEW_KIND_VALUES: set[SelfSubjectAccessReviewKind] = {
    "",
    "SelfSubjectAccessReview",
}


def check_self_subject_access_review_kind(value: str) -> SelfSubjectAccessReviewKind:
    if value in SELF_SUBJECT_ACCESS_REVIEW_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_ACCESS_REVIEW_KIND_VALUES!r}"
    )
