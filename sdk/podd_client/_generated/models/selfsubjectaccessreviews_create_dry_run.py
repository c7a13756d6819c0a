from typing import Literal

SelfsubjectaccessreviewsCreateDryRun = Literal["All"]

SELFSUBJECTACCESSREVIEWS_CREATE_DRY_RUN_VALUES: set[SelfsubjectaccessreviewsCreateDryRun] = {
    "All",
}


def check_selfsubjectaccessreviews_create_dry_run(
    value: str,
) -> SelfsubjectaccessreviewsCreateDryRun:
    if value in SELFSUBJECTACCESSREVIEWS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTACCESSREVIEWS_CREATE_DRY_RUN_VALUES!r}"
    )
