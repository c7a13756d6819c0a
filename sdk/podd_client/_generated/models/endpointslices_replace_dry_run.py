from typing import Literal

EndpointslicesReplaceDryRun = Literal["All"]

ENDPOINTSLICES_REPLACE_DRY_RUN_VALUES: set[EndpointslicesReplaceDryRun] = {
    "All",
}


def check_endpointslices_replace_dry_run(value: str) -> EndpointslicesReplaceDryRun:
    if value in ENDPOINTSLICES_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_REPLACE_DRY_RUN_VALUES!r}"
    )
