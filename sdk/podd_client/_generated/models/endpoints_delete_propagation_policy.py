from typing import Literal

EndpointsDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

ENDPOINTS_DELETE_PROPAGATION_POLICY_VALUES: set[EndpointsDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_endpoints_delete_propagation_policy(value: str) -> EndpointsDeletePropagationPolicy:
    if value in ENDPOINTS_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
