from typing import Literal

EndpointSliceListKind = Literal["", "EndpointSliceList"]

ENDPOINT_SLICE_LIST_KIND_VALUES: set[EndpointSliceListKind] = {
    "",
    "EndpointSliceList",
}


def check_endpoint_slice_list_kind(value: str) -> EndpointSliceListKind:
    if value in ENDPOINT_SLICE_LIST_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINT_SLICE_LIST_KIND_VALUES!r}"
    )
