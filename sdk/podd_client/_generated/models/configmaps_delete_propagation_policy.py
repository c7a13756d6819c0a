from typing import Literal

ConfigmapsDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

CONFIGMAPS_DELETE_PROPAGATION_POLICY_VALUES: set[ConfigmapsDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_configmaps_delete_propagation_policy(value: str) -> ConfigmapsDeletePropagationPolicy:
    if value in CONFIGMAPS_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
