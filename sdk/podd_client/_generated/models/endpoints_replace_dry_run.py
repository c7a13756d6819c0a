from typing import Literal

EndpointsReplaceDryRun = Literal["All"]

ENDPOINTS_REPLACE_DRY_RUN_VALUES: set[EndpointsReplaceDryRun] = {
    "All",
}


def check_endpoints_replace_dry_run(value: str) -> EndpointsReplaceDryRun:
    if value in ENDPOINTS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_REPLACE_DRY_RUN_VALUES!r}"
    )
