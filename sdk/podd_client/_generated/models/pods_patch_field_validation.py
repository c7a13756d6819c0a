from typing import Literal

PodsPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

PODS_PATCH_FIELD_VALIDATION_VALUES: set[PodsPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_pods_patch_field_validation(value: str) -> PodsPatchFieldValidation:
    if value in PODS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
