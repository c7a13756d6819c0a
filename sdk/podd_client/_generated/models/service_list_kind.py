from typing import Literal

ServiceListKind = Literal["", "ServiceList"]

SERVICE_LIST_KIND_VALUES: set[ServiceListKind] = {
    "",
    "ServiceList",
}


def check_service_list_kind(value: str) -> ServiceListKind:
    if value in SERVICE_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SERVICE_LIST_KIND_VALUES!r}")
