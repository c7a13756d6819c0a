from typing import Literal

ServicesCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

SERVICES_CREATE_FIELD_VALIDATION_VALUES: set[ServicesCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_services_create_field_validation(value: str) -> ServicesCreateFieldValidation:
    if value in SERVICES_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
