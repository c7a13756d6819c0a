from typing import Literal

SecretsReplaceDryRun = Literal["All"]

SECRETS_REPLACE_DRY_RUN_VALUES: set[SecretsReplaceDryRun] = {
    "All",
}


def check_secrets_replace_dry_run(value: str) -> SecretsReplaceDryRun:
    if value in SECRETS_REPLACE_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_REPLACE_DRY_RUN_VALUES!r}"
    )
