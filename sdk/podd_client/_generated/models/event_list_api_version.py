from typing import Literal

EventListApiVersion = Literal["", "v1"]

EVENT_LIST_API_VERSION_VALUES: set[EventListApiVersion] = {
    "",
    "v1",
}


def check_event_list_api_version(value: str) -> EventListApiVersion:
    if value in EVENT_LIST_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENT_LIST_API_VERSION_VALUES!r}"
    )
