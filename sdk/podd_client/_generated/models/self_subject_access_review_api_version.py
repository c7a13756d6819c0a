from typing import Literal

SelfSubjectAccessReviewApiVersion = Literal["", "authorization.k8s.io/v1"]

SELF_SUBJECT_ACCESS_REVIEW_API_VERSION_VALUES: set[SelfSubjectAccessReviewApiVersion] = {
    "",
    "authorization.k8s.io/v1",
}


def check_self_subject_access_review_api_version(value: str) -> SelfSubjectAccessReviewApiVersion:
    if value in SELF_SUBJECT_ACCESS_REVIEW_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_ACCESS_REVIEW_API_VERSION_VALUES!r}"
    )
