from typing import Literal

ConfigmapsPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[ConfigmapsPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_configmaps_patch_json_body_item_type_0_op(
    value: str,
) -> ConfigmapsPatchJsonBodyItemType0Op:
    if value in CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
