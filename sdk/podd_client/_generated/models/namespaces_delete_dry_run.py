from typing import Literal

NamespacesDeleteDryRun = Literal["All"]

NAMESPACES_DELETE_DRY_RUN_VALUES: set[NamespacesDeleteDryRun] = {
    "All",
}


def check_namespaces_delete_dry_run(value: str) -> NamespacesDeleteDryRun:
    if value in NAMESPACES_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_DELETE_DRY_RUN_VALUES!r}"
    )
