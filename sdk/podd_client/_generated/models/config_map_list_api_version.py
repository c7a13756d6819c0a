from typing import Literal

ConfigMapListApiVersion = Literal["", "v1"]

CONFIG_MAP_LIST_API_VERSION_VALUES: set[ConfigMapListApiVersion] = {
    "",
    "v1",
}


def check_config_map_list_api_version(value: str) -> ConfigMapListApiVersion:
    if value in CONFIG_MAP_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIG_MAP_LIST_API_VERSION_VALUES!r}"
    )
