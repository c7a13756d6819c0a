from typing import Literal

SelfSubjectReviewApiVersion = Literal["", "authentication.k8s.io/v1"]

SELF_SUBJECT_REVIEW_API_VERSION_VALUES: set[SelfSubjectReviewApiVersion] = {
    "",
    "authentication.k8s.io/v1",
}


def check_self_subject_review_api_version(value: str) -> SelfSubjectReviewApiVersion:
    if value in SELF_SUBJECT_REVIEW_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_REVIEW_API_VERSION_VALUES!r}"
    )
