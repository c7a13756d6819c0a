from typing import Literal

ConfigmapsCreateDryRun = Literal["All"]

CONFIGMAPS_CREATE_DRY_RUN_VALUES: set[ConfigmapsCreateDryRun] = {
    "All",
}


def check_configmaps_create_dry_run(value: str) -> ConfigmapsCreateDryRun:
    if value in CONFIGMAPS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_CREATE_DRY_RUN_VALUES!r}"
    )
