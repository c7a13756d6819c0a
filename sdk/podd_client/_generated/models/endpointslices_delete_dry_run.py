from typing import Literal

EndpointslicesDeleteDryRun = Literal["All"]

ENDPOINTSLICES_DELETE_DRY_RUN_VALUES: set[EndpointslicesDeleteDryRun] = {
    "All",
}


def check_endpointslices_delete_dry_run(value: str) -> EndpointslicesDeleteDryRun:
    if value in ENDPOINTSLICES_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_DELETE_DRY_RUN_VALUES!r}"
    )
