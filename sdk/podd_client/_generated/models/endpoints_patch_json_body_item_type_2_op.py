from typing import Literal

EndpointsPatchJsonBodyItemType2Op = Literal["copy", "move"]

ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[EndpointsPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_endpoints_patch_json_body_item_type_2_op(value: str) -> EndpointsPatchJsonBodyItemType2Op:
    if value in ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
