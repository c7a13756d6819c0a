from typing import Literal

ConfigMapListKind = Literal["", "ConfigMapList"]

CONFIG_MAP_LIST_KIND_VALUES: set[ConfigMapListKind] = {
    "",
    "ConfigMapList",
}


def check_config_map_list_kind(value: str) -> ConfigMapListKind:
    if value in CONFIG_MAP_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONFIG_MAP_LIST_KIND_VALUES!r}")
