from typing import Literal

EventsPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

EVENTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[EventsPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_events_patch_json_body_item_type_0_op(value: str) -> EventsPatchJsonBodyItemType0Op:
    if value in EVENTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
