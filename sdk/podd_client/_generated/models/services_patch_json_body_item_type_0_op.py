from typing import Literal

ServicesPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

SERVICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[ServicesPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_services_patch_json_body_item_type_0_op(value: str) -> ServicesPatchJsonBodyItemType0Op:
    if value in SERVICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SERVICES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
