from typing import Literal

PodsPatchJsonBodyItemType2Op = Literal["copy", "move"]

PODS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[PodsPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_pods_patch_json_body_item_type_2_op(value: str) -> PodsPatchJsonBodyItemType2Op:
    if value in PODS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
