from typing import Literal

EventsDeleteDryRun = Literal["All"]

EVENTS_DELETE_DRY_RUN_VALUES: set[EventsDeleteDryRun] = {
    "All",
}


def check_events_delete_dry_run(value: str) -> EventsDeleteDryRun:
    if value in EVENTS_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENTS_DELETE_DRY_RUN_VALUES!r}")
