from typing import Literal

EndpointSliceApiVersion = Literal["", "discovery.k8s.io/v1"]

ENDPOINT_SLICE_API_VERSION_VALUES: set[EndpointSliceApiVersion] = {
    "",
    "discovery.k8s.io/v1",
}


def check_endpoint_slice_api_version(value: str) -> EndpointSliceApiVersion:
    if value in ENDPOINT_SLICE_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINT_SLICE_API_VERSION_VALUES!r}"
    )
