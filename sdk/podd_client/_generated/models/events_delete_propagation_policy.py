from typing import Literal

EventsDeletePropagationPolicy = Literal["Background", "Foreground", "Orphan"]

EVENTS_DELETE_PROPAGATION_POLICY_VALUES: set[EventsDeletePropagationPolicy] = {
    "Background",
    "Foreground",
    "Orphan",
}


def check_events_delete_propagation_policy(value: str) -> EventsDeletePropagationPolicy:
    if value in EVENTS_DELETE_PROPAGATION_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_DELETE_PROPAGATION_POLICY_VALUES!r}"
    )
