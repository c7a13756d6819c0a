from typing import Literal

ServiceListApiVersion = Literal["", "v1"]

SERVICE_LIST_API_VERSION_VALUES: set[ServiceListApiVersion] = {
    "",
    "v1",
}


def check_service_list_api_version(value: str) -> ServiceListApiVersion:
    if value in SERVICE_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICE_LIST_API_VERSION_VALUES!r}"
    )
