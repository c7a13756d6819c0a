from typing import Literal

SelfsubjectrulesreviewsCreateDryRun = Literal["All"]

SELFSUBJECTRULESREVIEWS_CREATE_DRY_RUN_VALUES: set[SelfsubjectrulesreviewsCreateDryRun] = {
    "All",
}


def check_selfsubjectrulesreviews_create_dry_run(value: str) -> SelfsubjectrulesreviewsCreateDryRun:
    if value in SELFSUBJECTRULESREVIEWS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SELFSUBJECTRULESREVIEWS_CREATE_DRY_RUN_VALUES!r}"
    )
