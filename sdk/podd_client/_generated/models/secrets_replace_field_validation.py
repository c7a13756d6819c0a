from typing import Literal

SecretsReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

SECRETS_REPLACE_FIELD_VALIDATION_VALUES: set[SecretsReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_secrets_replace_field_validation(value: str) -> SecretsReplaceFieldValidation:
    if value in SECRETS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
