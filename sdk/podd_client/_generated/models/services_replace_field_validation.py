from typing import Literal

ServicesReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

SERVICES_REPLACE_FIELD_VALIDATION_VALUES: set[ServicesReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_services_replace_field_validation(value: str) -> ServicesReplaceFieldValidation:
    if value in SERVICES_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
