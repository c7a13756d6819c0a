from typing import Literal

SecretKind = Literal["", "Secret"]

SECRET_KIND_VALUES: set[SecretKind] = {
    "",
    "Secret",
}


def check_secret_kind(value: str) -> SecretKind:
    if value in SECRET_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SECRET_KIND_VALUES!r}")
