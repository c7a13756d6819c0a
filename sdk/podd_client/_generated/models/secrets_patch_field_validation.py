from typing import Literal

SecretsPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

SECRETS_PATCH_FIELD_VALIDATION_VALUES: set[SecretsPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_secrets_patch_field_validation(value: str) -> SecretsPatchFieldValidation:
    if value in SECRETS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
