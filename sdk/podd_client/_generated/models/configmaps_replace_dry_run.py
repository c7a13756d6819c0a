from typing import Literal

ConfigmapsReplaceDryRun = Literal["All"]

CONFIGMAPS_REPLACE_DRY_RUN_VALUES: set[ConfigmapsReplaceDryRun] = {
    "All",
}


def check_configmaps_replace_dry_run(value: str) -> ConfigmapsReplaceDryRun:
    if value in CONFIGMAPS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_REPLACE_DRY_RUN_VALUES!r}"
    )
