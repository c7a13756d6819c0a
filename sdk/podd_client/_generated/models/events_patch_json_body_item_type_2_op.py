from typing import Literal

EventsPatchJsonBodyItemType2Op = Literal["copy", "move"]

EVENTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[EventsPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_events_patch_json_body_item_type_2_op(value: str) -> EventsPatchJsonBodyItemType2Op:
    if value in EVENTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVENTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
