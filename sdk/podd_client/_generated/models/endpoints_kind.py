from typing import Literal

EndpointsKind = Literal["", "Endpoints"]

ENDPOINTS_KIND_VALUES: set[EndpointsKind] = {
    "",
    "Endpoints",
}


def check_endpoints_kind(value: str) -> EndpointsKind:
    if value in ENDPOINTS_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENDPOINTS_KIND_VALUES!r}")
