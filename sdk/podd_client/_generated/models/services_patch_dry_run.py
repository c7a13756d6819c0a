from typing import Literal

ServicesPatchDryRun = Literal["All"]

SERVICES_PATCH_DRY_RUN_VALUES: set[ServicesPatchDryRun] = {
    "All",
}


def check_services_patch_dry_run(value: str) -> ServicesPatchDryRun:
    if value in SERVICES_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_PATCH_DRY_RUN_VALUES!r}"
    )
