from typing import Literal

PodsPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

PODS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[PodsPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_pods_patch_json_body_item_type_0_op(value: str) -> PodsPatchJsonBodyItemType0Op:
    if value in PODS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PODS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
