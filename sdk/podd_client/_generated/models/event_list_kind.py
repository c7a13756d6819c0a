from typing import Literal

EventListKind = Literal["", "EventList"]

EVENT_LIST_KIND_VALUES: set[EventListKind] = {
    "",
    "EventList",
}


def check_event_list_kind(value: str) -> EventListKind:
    if value in EVENT_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVENT_LIST_KIND_VALUES!r}")
