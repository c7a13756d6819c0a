from typing import Literal

NodeListApiVersion = Literal["", "v1"]

NODE_LIST_API_VERSION_VALUES: set[NodeListApiVersion] = {
    "",
    "v1",
}


def check_node_list_api_version(value: str) -> NodeListApiVersion:
    if value in NODE_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NODE_LIST_API_VERSION_VALUES!r}")
