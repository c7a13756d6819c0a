from typing import Literal

OwnerReferenceKind = Literal[""]

OWNER_REFERENCE_KIND_VALUES: set[OwnerReferenceKind] = {
    "",
}


def check_owner_reference_kind(value: str) -> OwnerReferenceKind:
    if value in OWNER_REFERENCE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OWNER_REFERENCE_KIND_VALUES!r}")
