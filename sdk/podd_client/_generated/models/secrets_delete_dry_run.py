from typing import Literal

SecretsDeleteDryRun = Literal["All"]

SECRETS_DELETE_DRY_RUN_VALUES: set[SecretsDeleteDryRun] = {
    "All",
}


def check_secrets_delete_dry_run(value: str) -> SecretsDeleteDryRun:
    if value in SECRETS_DELETE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_DELETE_DRY_RUN_VALUES!r}"
    )
