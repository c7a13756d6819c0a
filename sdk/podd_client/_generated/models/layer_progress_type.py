from typing import Literal

LayerProgressType = Literal["layer"]

LAYER_PROGRESS_TYPE_VALUES: set[LayerProgressType] = {
    "layer",
}


def check_layer_progress_type(value: str) -> LayerProgressType:
    if value in LAYER_PROGRESS_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LAYER_PROGRESS_TYPE_VALUES!r}")
