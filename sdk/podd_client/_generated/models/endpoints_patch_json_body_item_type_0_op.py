from typing import Literal

EndpointsPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[EndpointsPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_endpoints_patch_json_body_item_type_0_op(value: str) -> EndpointsPatchJsonBodyItemType0Op:
    if value in ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENDPOINTS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
