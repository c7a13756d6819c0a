from typing import Literal

NamespacesPatchDryRun = Literal["All"]

NAMESPACES_PATCH_DRY_RUN_VALUES: set[NamespacesPatchDryRun] = {
    "All",
}


def check_namespaces_patch_dry_run(value: str) -> NamespacesPatchDryRun:
    if value in NAMESPACES_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_PATCH_DRY_RUN_VALUES!r}"
    )
