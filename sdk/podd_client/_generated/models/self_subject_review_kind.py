from typing import Literal

SelfSubjectReviewKind = Literal["", "SelfSubjectReview"]

SELF_SUBJECT_REVIEW_KIND_VALUES: set[SelfSubjectReviewKind] = {
    "",
    "SelfSubjectReview",
}


def check_self_subject_review_kind(value: str) -> SelfSubjectReviewKind:
    if value in SELF_SUBJECT_REVIEW_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_REVIEW_KIND_VALUES!r}"
    )
