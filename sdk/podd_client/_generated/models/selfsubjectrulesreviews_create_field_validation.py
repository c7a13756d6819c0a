from typing import Literal

SelfsubjectrulesreviewsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

SELFSUBJECTRULESREVIEWS_CREATE_FIELD_VALIDATION_VALUES: set[
    SelfsubjectrulesreviewsCreateFieldValidation
] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_selfsubjectrulesreviews_create_field_validation(
    value: str,
) -> SelfsubjectrulesreviewsCreateFieldValidation:
    if value in SELFSUBJECTRULESREVIEWS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTRULESREVIEWS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
