from typing import Literal

PodsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

PODS_CREATE_FIELD_VALIDATION_VALUES: set[PodsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_pods_create_field_validation(value: str) -> PodsCreateFieldValidation:
    if value in PODS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
