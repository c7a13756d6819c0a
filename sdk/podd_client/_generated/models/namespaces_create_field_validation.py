from typing import Literal

NamespacesCreateFieldValidation = Literal["Ignore", "Strict", "Warn"]

NAMESPACES_CREATE_FIELD_VALIDATION_VALUES: set[NamespacesCreateFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_namespaces_create_field_validation(value: str) -> NamespacesCreateFieldValidation:
    if value in NAMESPACES_CREATE_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_CREATE_FIELD_VALIDATION_VALUES!r}"
    )
