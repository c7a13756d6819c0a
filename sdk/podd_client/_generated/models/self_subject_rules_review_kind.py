from typing import Literal

SelfSubjectRulesReviewKind = Literal["", "SelfSubjectRulesReview"]

SELF_SUBJECT_RULES_REVIEW_KIND_VALUES: set[SelfSubjectRulesReviewKind] = {
    "",
    "SelfSubjectRulesReview",
}


def check_self_subject_rules_review_kind(value: str) -> SelfSubjectRulesReviewKind:
    if value in SELF_SUBJECT_RULES_REVIEW_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELF_SUBJECT_RULES_REVIEW_KIND_VALUES!r}"
    )
