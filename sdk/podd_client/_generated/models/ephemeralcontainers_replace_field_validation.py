from typing import Literal

EphemeralcontainersReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

EPHEMERALCONTAINERS_REPLACE_FIELD_VALIDATION_VALUES: set[
    EphemeralcontainersReplaceFieldValidation
] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_ephemeralcontainers_replace_field_validation(
    value: str,
) -> EphemeralcontainersReplaceFieldValidation:
    if value in EPHEMERALCONTAINERS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
