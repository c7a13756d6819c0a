from typing import Literal

SecretListApiVersion = Literal["", "v1"]

SECRET_LIST_API_VERSION_VALUES: set[SecretListApiVersion] = {
    "",
    "v1",
}


def check_secret_list_api_version(value: str) -> SecretListApiVersion:
    if value in SECRET_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRET_LIST_API_VERSION_VALUES!r}"
    )
