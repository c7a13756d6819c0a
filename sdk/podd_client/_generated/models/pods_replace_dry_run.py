from typing import Literal

PodsReplaceDryRun = Literal["All"]

PODS_REPLACE_DRY_RUN_VALUES: set[PodsReplaceDryRun] = {
    "All",
}


def check_pods_replace_dry_run(value: str) -> PodsReplaceDryRun:
    if value in PODS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PODS_REPLACE_DRY_RUN_VALUES!r}")
