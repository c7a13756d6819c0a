from typing import Literal

EndpointsPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTS_PATCH_FIELD_VALIDATION_VALUES: set[EndpointsPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpoints_patch_field_validation(value: str) -> EndpointsPatchFieldValidation:
    if value in ENDPOINTS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
