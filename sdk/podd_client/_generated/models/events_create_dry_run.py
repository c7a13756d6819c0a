from typing import Literal

EventsCreateDryRun = Literal["All"]

EVENTS_CREATE_DRY_RUN_VALUES: set[EventsCreateDryRun] = {
    "All",
}


def check_events_create_dry_run(value: str) -> EventsCreateDryRun:
    if value in EVENTS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENTS_CREATE_DRY_RUN_VALUES!r}")
