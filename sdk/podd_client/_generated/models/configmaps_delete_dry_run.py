from typing import Literal

ConfigmapsDeleteDryRun = Literal["All"]

CONFIGMAPS_DELETE_DRY_RUN_VALUES: set[ConfigmapsDeleteDryRun] = {
    "All",
}


def check_configmaps_delete_dry_run(value: str) -> ConfigmapsDeleteDryRun:
    if value in CONFIGMAPS_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_DELETE_DRY_RUN_VALUES!r}"
    )
