from typing import Literal

EndpointslicesPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[
    EndpointslicesPatchJsonBodyItemType0Op
] = {
    "add",
    "replace",
    "test",
}


def check_endpointslices_patch_json_body_item_type_0_op(
    value: str,
) -> EndpointslicesPatchJsonBodyItemType0Op:
    if value in ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTSLICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
