from typing import Literal

NamespacesReplaceDryRun = Literal["All"]

NAMESPACES_REPLACE_DRY_RUN_VALUES: set[NamespacesReplaceDryRun] = {
    "All",
}


def check_namespaces_replace_dry_run(value: str) -> NamespacesReplaceDryRun:
    if value in NAMESPACES_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_REPLACE_DRY_RUN_VALUES!r}"
    )
