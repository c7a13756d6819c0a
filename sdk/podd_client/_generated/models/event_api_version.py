from typing import Literal

EventApiVersion = Literal["", "v1"]

EVENT_API_VERSION_VALUES: set[EventApiVersion] = {
    "",
    "v1",
}


def check_event_api_version(value: str) -> EventApiVersion:
    if value in EVENT_API_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENT_API_VERSION_VALUES!r}")
