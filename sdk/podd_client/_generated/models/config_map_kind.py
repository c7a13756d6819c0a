from typing import Literal

ConfigMapKind = Literal["", "ConfigMap"]

CONFIG_MAP_KIND_VALUES: set[ConfigMapKind] = {
    "",
    "ConfigMap",
}


def check_config_map_kind(value: str) -> ConfigMapKind:
    if value in CONFIG_MAP_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONFIG_MAP_KIND_VALUES!r}")
