from typing import Literal

ConfigmapsCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

CONFIGMAPS_CREATE_FIELD_VALIDATION_VALUES: set[ConfigmapsCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_configmaps_create_field_validation(value: str) -> ConfigmapsCreateFieldValidation:
    if value in CONFIGMAPS_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
