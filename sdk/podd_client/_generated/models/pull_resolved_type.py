from typing import Literal

PullResolvedType = Literal["resolved"]

PULL_RESOLVED_TYPE_VALUES: set[PullResolvedType] = {
    "resolved",
}


def check_pull_resolved_type(value: str) -> PullResolvedType:
    if value in PULL_RESOLVED_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PULL_RESOLVED_TYPE_VALUES!r}")
