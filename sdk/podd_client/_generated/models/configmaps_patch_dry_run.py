from typing import Literal

ConfigmapsPatchDryRun = Literal["All"]

CONFIGMAPS_PATCH_DRY_RUN_VALUES: set[ConfigmapsPatchDryRun] = {
    "All",
}


def check_configmaps_patch_dry_run(value: str) -> ConfigmapsPatchDryRun:
    if value in CONFIGMAPS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_PATCH_DRY_RUN_VALUES!r}"
    )
