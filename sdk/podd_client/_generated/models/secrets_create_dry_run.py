from typing import Literal

SecretsCreateDryRun = Literal["All"]

SECRETS_CREATE_DRY_RUN_VALUES: set[SecretsCreateDryRun] = {
    "All",
}


def check_secrets_create_dry_run(value: str) -> SecretsCreateDryRun:
    if value in SECRETS_CREATE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_CREATE_DRY_RUN_VALUES!r}"
    )
