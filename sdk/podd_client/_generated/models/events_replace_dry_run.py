from typing import Literal

EventsReplaceDryRun = Literal["All"]

EVENTS_REPLACE_DRY_RUN_VALUES: set[EventsReplaceDryRun] = {
    "All",
}


def check_events_replace_dry_run(value: str) -> EventsReplaceDryRun:
    if value in EVENTS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_REPLACE_DRY_RUN_VALUES!r}"
    )
