from typing import Literal

PodListApiVersion = Literal["", "v1"]

POD_LIST_API_VERSION_VALUES: set[PodListApiVersion] = {
    "",
    "v1",
}


def check_pod_list_api_version(value: str) -> PodListApiVersion:
    if value in POD_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POD_LIST_API_VERSION_VALUES!r}")
