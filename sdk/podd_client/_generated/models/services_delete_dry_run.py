from typing import Literal

ServicesDeleteDryRun = Literal["All"]

SERVICES_DELETE_DRY_RUN_VALUES: set[ServicesDeleteDryRun] = {
    "All",
}


def check_services_delete_dry_run(value: str) -> ServicesDeleteDryRun:
    if value in SERVICES_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_DELETE_DRY_RUN_VALUES!r}"
    )
