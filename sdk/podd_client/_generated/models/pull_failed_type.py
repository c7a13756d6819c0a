from typing import Literal

PullFailedType = Literal["error"]

PULL_FAILED_TYPE_VALUES: set[PullFailedType] = {
    "error",
}


def check_pull_failed_type(value: str) -> PullFailedType:
    if value in PULL_FAILED_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PULL_FAILED_TYPE_VALUES!r}")
