from typing import Literal

PodsDeleteDryRun = Literal["All"]

PODS_DELETE_DRY_RUN_VALUES: set[PodsDeleteDryRun] = {
    "All",
}


def check_pods_delete_dry_run(value: str) -> PodsDeleteDryRun:
    if value in PODS_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PODS_DELETE_DRY_RUN_VALUES!r}")
