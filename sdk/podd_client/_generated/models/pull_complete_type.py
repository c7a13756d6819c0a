from typing import Literal

PullCompleteType = Literal["complete"]

PULL_COMPLETE_TYPE_VALUES: set[PullCompleteType] = {
    "complete",
}


def check_pull_complete_type(value: str) -> PullCompleteType:
    if value in PULL_COMPLETE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PULL_COMPLETE_TYPE_VALUES!r}")
