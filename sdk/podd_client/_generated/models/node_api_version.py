from typing import Literal

NodeApiVersion = Literal["", "v1"]

NODE_API_VERSION_VALUES: set[NodeApiVersion] = {
    "",
    "v1",
}


def check_node_api_version(value: str) -> NodeApiVersion:
    if value in NODE_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NODE_API_VERSION_VALUES!r}")
