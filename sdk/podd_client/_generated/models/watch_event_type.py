from typing import Literal

WatchEventType = Literal["ADDED", "BOOKMARK", "DELETED", "ERROR", "MODIFIED"]

WATCH_EVENT_TYPE_VALUES: set[WatchEventType] = {
    "ADDED",
    "BOOKMARK",
    "DELETED",
    "ERROR",
    "MODIFIED",
}


def check_watch_event_type(value: str) -> WatchEventType:
    if value in WATCH_EVENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WATCH_EVENT_TYPE_VALUES!r}")
