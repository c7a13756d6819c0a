from typing import Literal

SelfsubjectreviewsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

SELFSUBJECTREVIEWS_CREATE_FIELD_VALIDATION_VALUES: set[SelfsubjectreviewsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_selfsubjectreviews_create_field_validation(
    value: str,
) -> SelfsubjectreviewsCreateFieldValidation:
    if value in SELFSUBJECTREVIEWS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTREVIEWS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
