from typing import Literal

ServicesCreateDryRun = Literal["All"]

SERVICES_CREATE_DRY_RUN_VALUES: set[ServicesCreateDryRun] = {
    "All",
}


def check_services_create_dry_run(value: str) -> ServicesCreateDryRun:
    if value in SERVICES_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_CREATE_DRY_RUN_VALUES!r}"
    )
