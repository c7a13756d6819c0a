from typing import Literal

NamespaceApiVersion = Literal["", "v1"]

NAMESPACE_API_VERSION_VALUES: set[NamespaceApiVersion] = {
    "",
    "v1",
}


def check_namespace_api_version(value: str) -> NamespaceApiVersion:
    if value in NAMESPACE_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NAMESPACE_API_VERSION_VALUES!r}")
