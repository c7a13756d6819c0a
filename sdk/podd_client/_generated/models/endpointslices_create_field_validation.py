from typing import Literal

EndpointslicesCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTSLICES_CREATE_FIELD_VALIDATION_VALUES: set[EndpointslicesCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpointslices_create_field_validation(value: str) -> EndpointslicesCreateFieldValidation:
    if value in ENDPOINTSLICES_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
