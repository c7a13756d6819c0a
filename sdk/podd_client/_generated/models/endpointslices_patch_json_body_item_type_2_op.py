from typing import Literal

EndpointslicesPatchJsonBodyItemType2Op = Literal["copy", "move"]

ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[
    EndpointslicesPatchJsonBodyItemType2Op
] = {
    "copy",
    "move",
}


def check_endpointslices_patch_json_body_item_type_2_op(
    value: str,
) -> EndpointslicesPatchJsonBodyItemType2Op:
    if value in ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
