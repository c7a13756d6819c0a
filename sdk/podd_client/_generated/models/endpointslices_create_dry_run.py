from typing import Literal

EndpointslicesCreateDryRun = Literal["All"]

ENDPOINTSLICES_CREATE_DRY_RUN_VALUES: set[EndpointslicesCreateDryRun] = {
    "All",
}


def check_endpointslices_create_dry_run(value: str) -> EndpointslicesCreateDryRun:
    if value in ENDPOINTSLICES_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_CREATE_DRY_RUN_VALUES!r}"
    )
