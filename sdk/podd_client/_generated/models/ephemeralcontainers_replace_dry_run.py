from typing import Literal

EphemeralcontainersReplaceDryRun = Literal["All"]

EPHEMERALCONTAINERS_REPLACE_DRY_RUN_VALUES: set[EphemeralcontainersReplaceDryRun] = {
    "All",
}


def check_ephemeralcontainers_replace_dry_run(value: str) -> EphemeralcontainersReplaceDryRun:
    if value in EPHEMERALCONTAINERS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_REPLACE_DRY_RUN_VALUES!r}"
    )
