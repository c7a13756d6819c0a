from typing import Literal

ConfigmapsPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

CONFIGMAPS_PATCH_FIELD_VALIDATION_VALUES: set[ConfigmapsPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_configmaps_patch_field_validation(value: str) -> ConfigmapsPatchFieldValidation:
    if value in CONFIGMAPS_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
