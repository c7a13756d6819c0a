from typing import Literal

EphemeralcontainersPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

EPHEMERALCONTAINERS_PATCH_FIELD_VALIDATION_VALUES: set[EphemeralcontainersPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_ephemeralcontainers_patch_field_validation(
    value: str,
) -> EphemeralcontainersPatchFieldValidation:
    if value in EPHEMERALCONTAINERS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
