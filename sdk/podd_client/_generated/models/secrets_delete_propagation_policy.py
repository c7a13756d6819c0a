from typing import Literal

SecretsDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

SECRETS_DELETE_PROPAGATION_POLICY_VALUES: set[SecretsDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_secrets_delete_propagation_policy(value: str) -> SecretsDeletePropagationPolicy:
    if value in SECRETS_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
