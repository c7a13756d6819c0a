from typing import Literal

SecretApiVersion = Literal["", "v1"]

SECRET_API_VERSION_VALUES: set[SecretApiVersion] = {
    "",
    "v1",
}


def check_secret_api_version(value: str) -> SecretApiVersion:
    if value in SECRET_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SECRET_API_VERSION_VALUES!r}")
