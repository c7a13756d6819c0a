from typing import Literal

OwnerReferenceApiVersion = Literal[""]

OWNER_REFERENCE_API_VERSION_VALUES: set[OwnerReferenceApiVersion] = {
    "",
}


def check_owner_reference_api_version(value: str) -> OwnerReferenceApiVersion:
    if value in OWNER_REFERENCE_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OWNER_REFERENCE_API_VERSION_VALUES!r}"
    )
