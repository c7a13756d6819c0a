from typing import Literal

SecretsPatchDryRun = Literal["All"]

SECRETS_PATCH_DRY_RUN_VALUES: set[SecretsPatchDryRun] = {
    "All",
}


def check_secrets_patch_dry_run(value: str) -> SecretsPatchDryRun:
    if value in SECRETS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SECRETS_PATCH_DRY_RUN_VALUES!r}")
