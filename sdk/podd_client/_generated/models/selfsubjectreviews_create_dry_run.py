from typing import Literal

SelfsubjectreviewsCreateDryRun = Literal["All"]

SELFSUBJECTREVIEWS_CREATE_DRY_RUN_VALUES: set[SelfsubjectreviewsCreateDryRun] = {
    "All",
}


def check_selfsubjectreviews_create_dry_run(value: str) -> SelfsubjectreviewsCreateDryRun:
    if value in SELFSUBJECTREVIEWS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTREVIEWS_CREATE_DRY_RUN_VALUES!r}"
    )
