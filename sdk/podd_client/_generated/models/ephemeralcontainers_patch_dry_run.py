from typing import Literal

EphemeralcontainersPatchDryRun = Literal["All"]

EPHEMERALCONTAINERS_PATCH_DRY_RUN_VALUES: set[EphemeralcontainersPatchDryRun] = {
    "All",
}


def check_ephemeralcontainers_patch_dry_run(value: str) -> EphemeralcontainersPatchDryRun:
    if value in EPHEMERALCONTAINERS_PATCH_DRY_RUN_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_PATCH_DRY_RUN_VALUES!r}"
    )
