from typing import Literal

EndpointslicesPatchDryRun = Literal["All"]

ENDPOINTSLICES_PATCH_DRY_RUN_VALUES: set[EndpointslicesPatchDryRun] = {
    "All",
}


def check_endpointslices_patch_dry_run(value: str) -> EndpointslicesPatchDryRun:
    if value in ENDPOINTSLICES_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_PATCH_DRY_RUN_VALUES!r}"
    )
