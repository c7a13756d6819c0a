from typing import Literal

ConfigMapApiVersion = Literal["", "v1"]

CONFIG_MAP_API_VERSION_VALUES: set[ConfigMapApiVersion] = {
    "",
    "v1",
}


def check_config_map_api_version(value: str) -> ConfigMapApiVersion:
    if value in CONFIG_MAP_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIG_MAP_API_VERSION_VALUES!r}"
    )
