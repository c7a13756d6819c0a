from typing import Literal

NamespacesReplaceFieldValidation = Literal["Ignore", "Strict", "Warn"]

NAMESPACES_REPLACE_FIELD_VALIDATION_VALUES: set[NamespacesReplaceFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_namespaces_replace_field_validation(value: str) -> NamespacesReplaceFieldValidation:
    if value in NAMESPACES_REPLACE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_REPLACE_FIELD_VALIDATION_VALUES!r}"
    )
