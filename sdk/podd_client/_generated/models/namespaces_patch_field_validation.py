from typing import Literal

NamespacesPatchFieldValidation = Literal["Ignore", "Strict", "Warn"]

NAMESPACES_PATCH_FIELD_VALIDATION_VALUES: set[NamespacesPatchFieldValidation] = {
    "Ignore",
    "Strict",
    "Warn",
}


def check_namespaces_patch_field_validation(value: str) -> NamespacesPatchFieldValidation:
    if value in NAMESPACES_PATCH_FIELD_VALIDATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_PATCH_FIELD_VALIDATION_VALUES!r}"
    )
