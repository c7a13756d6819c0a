from typing import Literal

NamespaceListApiVersion = Literal["", "v1"]

NAMESPACE_LIST_API_VERSION_VALUES: set[NamespaceListApiVersion] = {
    "",
    "v1",
}


def check_namespace_list_api_version(value: str) -> NamespaceListApiVersion:
    if value in NAMESPACE_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACE_LIST_API_VERSION_VALUES!r}"
    )
