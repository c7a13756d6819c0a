from typing import Literal

ServicesReplaceDryRun = Literal["All"]

SERVICES_REPLACE_DRY_RUN_VALUES: set[ServicesReplaceDryRun] = {
    "All",
}


def check_services_replace_dry_run(value: str) -> ServicesReplaceDryRun:
    if value in SERVICES_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_REPLACE_DRY_RUN_VALUES!r}"
    )
