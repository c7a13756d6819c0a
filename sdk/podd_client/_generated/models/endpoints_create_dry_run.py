from typing import Literal

EndpointsCreateDryRun = Literal["All"]

ENDPOINTS_CREATE_DRY_RUN_VALUES: set[EndpointsCreateDryRun] = {
    "All",
}


def check_endpoints_create_dry_run(value: str) -> EndpointsCreateDryRun:
    if value in ENDPOINTS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_CREATE_DRY_RUN_VALUES!r}"
    )
