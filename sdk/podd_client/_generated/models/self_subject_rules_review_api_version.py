from typing import Literal

SelfSubjectRulesReviewApiVersion = Literal["", "authorization.k8s.io/v1"]

SELF_SUBJECT_RULES_REVIEW_API_VERSION_VALUES: set[SelfSubjectRulesReviewApiVersion] = {
    "",
    "authorization.k8s.io/v1",
}


def check_self_subject_rules_review_api_version(value: str) -> SelfSubjectRulesReviewApiVersion:
    if value in SELF_SUBJECT_RULES_REVIEW_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_RULES_REVIEW_API_VERSION_VALUES!r}"
    )
