from typing import Literal

SelfsubjectaccessreviewsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

SELFSUBJECTACCESSREVIEWS_CREATE_FIELD_VALIDATION_VALUES: set[
    SelfsubjectaccessreviewsCreateFieldValidation
] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_selfsubjectaccessreviews_create_field_validation(
    value: str,
) -> SelfsubjectaccessreviewsCreateFieldValidation:
    if value in SELFSUBJECTACCESSREVIEWS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTACCESSREVIEWS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
