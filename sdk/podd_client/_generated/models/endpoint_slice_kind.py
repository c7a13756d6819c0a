from typing import Literal

EndpointSliceKind = Literal["", "EndpointSlice"]

ENDPOINT_SLICE_KIND_VALUES: set[EndpointSliceKind] = {
    "",
    "EndpointSlice",
}


def check_endpoint_slice_kind(value: str) -> EndpointSliceKind:
    if value in ENDPOINT_SLICE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENDPOINT_SLICE_KIND_VALUES!r}")
