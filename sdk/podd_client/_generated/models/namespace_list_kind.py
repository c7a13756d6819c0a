from typing import Literal

NamespaceListKind = Literal["", "NamespaceList"]

NAMESPACE_LIST_KIND_VALUES: set[NamespaceListKind] = {
    "",
    "NamespaceList",
}


def check_namespace_list_kind(value: str) -> NamespaceListKind:
    if value in NAMESPACE_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NAMESPACE_LIST_KIND_VALUES!r}")
