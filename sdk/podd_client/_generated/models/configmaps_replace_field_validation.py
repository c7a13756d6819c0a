from typing import Literal

ConfigmapsReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

CONFIGMAPS_REPLACE_FIELD_VALIDATION_VALUES: set[ConfigmapsReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_configmaps_replace_field_validation(value: str) -> ConfigmapsReplaceFieldValidation:
    if value in CONFIGMAPS_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
