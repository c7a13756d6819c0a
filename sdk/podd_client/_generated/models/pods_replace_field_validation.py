from typing import Literal

PodsReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

PODS_REPLACE_FIELD_VALIDATION_VALUES: set[PodsReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_pods_replace_field_validation(value: str) -> PodsReplaceFieldValidation:
    if value in PODS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
