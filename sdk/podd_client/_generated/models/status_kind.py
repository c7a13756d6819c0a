from typing import Literal

StatusKind = Literal["", "Status"]

STATUS_KIND_VALUES: set[StatusKind] = {
    "",
    "Status",
}


def check_status_kind(value: str) -> StatusKind:
    if value in STATUS_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATUS_KIND_VALUES!r}")
