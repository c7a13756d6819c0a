from typing import Literal

EndpointsReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTS_REPLACE_FIELD_VALIDATION_VALUES: set[EndpointsReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpoints_replace_field_validation(value: str) -> EndpointsReplaceFieldValidation:
    if value in ENDPOINTS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
