from typing import Literal

DeleteOptionsApiVersion = Literal["", "meta.k8s.io/v1", "v1"]

DELETE_OPTIONS_API_VERSION_VALUES: set[DeleteOptionsApiVersion] = {
    "",
    "meta.k8s.io/v1",
    "v1",
}


def check_delete_options_api_version(value: str) -> DeleteOptionsApiVersion:
    if value in DELETE_OPTIONS_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DELETE_OPTIONS_API_VERSION_VALUES!r}"
    )
