from typing import Literal

PodsDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

PODS_DELETE_PROPAGATION_POLICY_VALUES: set[PodsDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_pods_delete_propagation_policy(value: str) -> PodsDeletePropagationPolicy:
    if value in PODS_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
