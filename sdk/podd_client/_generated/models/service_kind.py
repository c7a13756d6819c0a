from typing import Literal

ServiceKind = Literal["", "Service"]

SERVICE_KIND_VALUES: set[ServiceKind] = {
    "",
    "Service",
}


def check_service_kind(value: str) -> ServiceKind:
    if value in SERVICE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SERVICE_KIND_VALUES!r}")
