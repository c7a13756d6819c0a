from typing import Literal

DeleteOptionsPropagationPolicyType0 = Literal["Background", "Foreground", "Orphan"]

DELETE_OPTIONS_PROPAGATION_POLICY_TYPE_0_VALUES: set[DeleteOptionsPropagationPolicyType0] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_delete_options_propagation_policy_type_0(
    value: str,
) -> DeleteOptionsPropagationPolicyType0:
    if value in DELETE_OPTIONS_PROPAGATION_POLICY_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DELETE_OPTIONS_PROPAGATION_POLICY_TYPE_0_VALUES!r}"
    )
