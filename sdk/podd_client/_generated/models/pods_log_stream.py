from typing import Literal

PodsLogStream = Literal["All", "Stderr", "Stdout"]

PODS_LOG_STREAM_VALUES: set[PodsLogStream] = {
    "All",
    "Stderr",
    "Stdout",
}


def check_pods_log_stream(value: str) -> PodsLogStream:
    if value in PODS_LOG_STREAM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PODS_LOG_STREAM_VALUES!r}")
