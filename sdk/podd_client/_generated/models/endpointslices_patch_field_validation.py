from typing import Literal

EndpointslicesPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTSLICES_PATCH_FIELD_VALIDATION_VALUES: set[EndpointslicesPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpointslices_patch_field_validation(value: str) -> EndpointslicesPatchFieldValidation:
    if value in ENDPOINTSLICES_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
