from typing import Literal

ServiceApiVersion = Literal["", "v1"]

SERVICE_API_VERSION_VALUES: set[ServiceApiVersion] = {
    "",
    "v1",
}


def check_service_api_version(value: str) -> ServiceApiVersion:
    if value in SERVICE_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SERVICE_API_VERSION_VALUES!r}")
