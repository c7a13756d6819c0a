from typing import Literal

NodeKind = Literal["", "Node"]

NODE_KIND_VALUES: set[NodeKind] = {
    "",
    "Node",
}


def check_node_kind(value: str) -> NodeKind:
    if value in NODE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NODE_KIND_VALUES!r}")
