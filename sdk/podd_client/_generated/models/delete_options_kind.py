from typing import Literal

DeleteOptionsKind = Literal["", "DeleteOptions"]

DELETE_OPTIONS_KIND_VALUES: set[DeleteOptionsKind] = {
    "",
    "DeleteOptions",
}


def check_delete_options_kind(value: str) -> DeleteOptionsKind:
    if value in DELETE_OPTIONS_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DELETE_OPTIONS_KIND_VALUES!r}")
