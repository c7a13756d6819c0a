from typing import Literal

StatusApiVersion = Literal["", "v1"]

STATUS_API_VERSION_VALUES: set[StatusApiVersion] = {
    "",
    "v1",
}


def check_status_api_version(value: str) -> StatusApiVersion:
    if value in STATUS_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATUS_API_VERSION_VALUES!r}")
