from typing import Literal

PodKind = Literal["", "Pod"]

POD_KIND_VALUES: set[PodKind] = {
    "",
    "Pod",
}


def check_pod_kind(value: str) -> PodKind:
    if value in POD_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POD_KIND_VALUES!r}")
