from typing import Literal

EndpointsDeleteDryRun = Literal["All"]

ENDPOINTS_DELETE_DRY_RUN_VALUES: set[EndpointsDeleteDryRun] = {
    "All",
}


def check_endpoints_delete_dry_run(value: str) -> EndpointsDeleteDryRun:
    if value in ENDPOINTS_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_DELETE_DRY_RUN_VALUES!r}"
    )
