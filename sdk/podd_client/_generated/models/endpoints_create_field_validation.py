from typing import Literal

EndpointsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTS_CREATE_FIELD_VALIDATION_VALUES: set[EndpointsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpoints_create_field_validation(value: str) -> EndpointsCreateFieldValidation:
    if value in ENDPOINTS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
