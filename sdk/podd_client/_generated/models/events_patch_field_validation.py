from typing import Literal

EventsPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

EVENTS_PATCH_FIELD_VALIDATION_VALUES: set[EventsPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_events_patch_field_validation(value: str) -> EventsPatchFieldValidation:
    if value in EVENTS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
