from typing import Literal

LayerProgressState = Literal[
    "done", "downloading", "error", "exists", "extracting", "verifying", "waiting"
]

LAYER_PROGRESS_STATE_VALUES: set[LayerProgressState] = {
    "done",
    "downloading",
    "error",
    "exists",
    "extracting",
    "verifying",
    "waiting",
}


def check_layer_progress_state(value: str) -> LayerProgressState:
    if value in LAYER_PROGRESS_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LAYER_PROGRESS_STATE_VALUES!r}")
