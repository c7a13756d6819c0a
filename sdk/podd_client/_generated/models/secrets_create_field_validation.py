from typing import Literal

SecretsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

SECRETS_CREATE_FIELD_VALIDATION_VALUES: set[SecretsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_secrets_create_field_validation(value: str) -> SecretsCreateFieldValidation:
    if value in SECRETS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
