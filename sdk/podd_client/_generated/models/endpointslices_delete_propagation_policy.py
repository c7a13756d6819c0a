from typing import Literal

EndpointslicesDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

ENDPOINTSLICES_DELETE_PROPAGATION_POLICY_VALUES: set[EndpointslicesDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_endpointslices_delete_propagation_policy(
    value: str,
) -> EndpointslicesDeletePropagationPolicy:
    if value in ENDPOINTSLICES_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
