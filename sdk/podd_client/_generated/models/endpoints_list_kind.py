from typing import Literal

EndpointsListKind = Literal["", "EndpointsList"]

ENDPOINTS_LIST_KIND_VALUES: set[EndpointsListKind] = {
    "",
    "EndpointsList",
}


def check_endpoints_list_kind(value: str) -> EndpointsListKind:
    if value in ENDPOINTS_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENDPOINTS_LIST_KIND_VALUES!r}")
