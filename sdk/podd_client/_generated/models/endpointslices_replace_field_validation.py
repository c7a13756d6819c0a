from typing import Literal

EndpointslicesReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

ENDPOINTSLICES_REPLACE_FIELD_VALIDATION_VALUES: set[EndpointslicesReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_endpointslices_replace_field_validation(
    value: str,
) -> EndpointslicesReplaceFieldValidation:
    if value in ENDPOINTSLICES_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
