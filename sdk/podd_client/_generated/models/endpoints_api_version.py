from typing import Literal

EndpointsApiVersion = Literal["", "v1"]

ENDPOINTS_API_VERSION_VALUES: set[EndpointsApiVersion] = {
    "",
    "v1",
}


def check_endpoints_api_version(value: str) -> EndpointsApiVersion:
    if value in ENDPOINTS_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENDPOINTS_API_VERSION_VALUES!r}")
