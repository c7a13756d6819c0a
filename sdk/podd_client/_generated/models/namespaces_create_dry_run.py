from typing import Literal

NamespacesCreateDryRun = Literal["All"]

NAMESPACES_CREATE_DRY_RUN_VALUES: set[NamespacesCreateDryRun] = {
    "All",
}


def check_namespaces_create_dry_run(value: str) -> NamespacesCreateDryRun:
    if value in NAMESPACES_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_CREATE_DRY_RUN_VALUES!r}"
    )
