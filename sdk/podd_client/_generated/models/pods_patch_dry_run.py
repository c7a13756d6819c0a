from typing import Literal

PodsPatchDryRun = Literal["All"]

PODS_PATCH_DRY_RUN_VALUES: set[PodsPatchDryRun] = {
    "All",
}


def check_pods_patch_dry_run(value: str) -> PodsPatchDryRun:
    if value in PODS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PODS_PATCH_DRY_RUN_VALUES!r}")
