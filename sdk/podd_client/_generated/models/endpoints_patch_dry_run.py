from typing import Literal

EndpointsPatchDryRun = Literal["All"]

ENDPOINTS_PATCH_DRY_RUN_VALUES: set[EndpointsPatchDryRun] = {
    "All",
}


def check_endpoints_patch_dry_run(value: str) -> EndpointsPatchDryRun:
    if value in ENDPOINTS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_PATCH_DRY_RUN_VALUES!r}"
    )
