from typing import Literal

ServicesPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

SERVICES_PATCH_FIELD_VALIDATION_VALUES: set[ServicesPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_services_patch_field_validation(value: str) -> ServicesPatchFieldValidation:
    if value in SERVICES_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
