from typing import Literal

EndpointSliceListApiVersion = Literal["", "discovery.k8s.io/v1"]

ENDPOINT_SLICE_LIST_API_VERSION_VALUES: set[EndpointSliceListApiVersion] = {
    "",
    "discovery.k8s.io/v1",
}


def check_endpoint_slice_list_api_version(value: str) -> EndpointSliceListApiVersion:
    if value in ENDPOINT_SLICE_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINT_SLICE_LIST_API_VERSION_VALUES!r}"
    )
