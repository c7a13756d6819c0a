from typing import Literal

PodApiVersion = Literal["", "v1"]

POD_API_VERSION_VALUES: set[PodApiVersion] = {
    "",
    "v1",
}


def check_pod_api_version(value: str) -> PodApiVersion:
    if value in POD_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POD_API_VERSION_VALUES!r}")
