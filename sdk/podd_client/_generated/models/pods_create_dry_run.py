from typing import Literal

PodsCreateDryRun = Literal["All"]

PODS_CREATE_DRY_RUN_VALUES: set[PodsCreateDryRun] = {
    "All",
}


def check_pods_create_dry_run(value: str) -> PodsCreateDryRun:
    if value in PODS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PODS_CREATE_DRY_RUN_VALUES!r}")
