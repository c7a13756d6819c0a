from typing import Literal

ServicesDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

SERVICES_DELETE_PROPAGATION_POLICY_VALUES: set[ServicesDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_services_delete_propagation_policy(value: str) -> ServicesDeletePropagationPolicy:
    if value in SERVICES_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
