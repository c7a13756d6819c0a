from typing import Literal

EventsPatchDryRun = Literal["All"]

EVENTS_PATCH_DRY_RUN_VALUES: set[EventsPatchDryRun] = {
    "All",
}


def check_events_patch_dry_run(value: str) -> EventsPatchDryRun:
    if value in EVENTS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENTS_PATCH_DRY_RUN_VALUES!r}")
