from typing import Literal

EventsReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

EVENTS_REPLACE_FIELD_VALIDATION_VALUES: set[EventsReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_events_replace_field_validation(value: str) -> EventsReplaceFieldValidation:
    if value in EVENTS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
