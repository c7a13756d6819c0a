from typing import Literal

NamespacesDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

NAMESPACES_DELETE_PROPAGATION_POLICY_VALUES: set[NamespacesDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_namespaces_delete_propagation_policy(value: str) -> NamespacesDeletePropagationPolicy:
    if value in NAMESPACES_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
