from typing import Literal

NamespaceKind = Literal["", "Namespace"]

NAMESPACE_KIND_VALUES: set[NamespaceKind] = {
    "",
    "Namespace",
}


def check_namespace_kind(value: str) -> NamespaceKind:
    if value in NAMESPACE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NAMESPACE_KIND_VALUES!r}")
