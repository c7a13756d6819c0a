from typing import Literal

EventsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

EVENTS_CREATE_FIELD_VALIDATION_VALUES: set[EventsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_events_create_field_validation(value: str) -> EventsCreateFieldValidation:
    if value in EVENTS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
