from typing import Literal

NodeListKind = Literal["", "NodeList"]

NODE_LIST_KIND_VALUES: set[NodeListKind] = {
    "",
    "NodeList",
}


def check_node_list_kind(value: str) -> NodeListKind:
    if value in NODE_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NODE_LIST_KIND_VALUES!r}")
