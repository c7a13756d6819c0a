from typing import Literal

SecretListKind = Literal["", "SecretList"]

SECRET_LIST_KIND_VALUES: set[SecretListKind] = {
    "",
    "SecretList",
}


def check_secret_list_kind(value: str) -> SecretListKind:
    if value in SECRET_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SECRET_LIST_KIND_VALUES!r}")
