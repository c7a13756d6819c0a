from typing import Literal

ServicesPatchJsonBodyItemType2Op = Literal["copy", "move"]

SERVICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[ServicesPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_services_patch_json_body_item_type_2_op(value: str) -> ServicesPatchJsonBodyItemType2Op:
    if value in SERVICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
