from typing import Literal

EndpointsListApiVersion = Literal["", "v1"]

ENDPOINTS_LIST_API_VERSION_VALUES: set[EndpointsListApiVersion] = {
    "",
    "v1",
}


def check_endpoints_list_api_version(value: str) -> EndpointsListApiVersion:
    if value in ENDPOINTS_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_LIST_API_VERSION_VALUES!r}"
    )
