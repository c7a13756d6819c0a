from typing import Literal

ConfigmapsPatchJsonBodyItemType2Op = Literal["copy", "move"]

CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[ConfigmapsPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_configmaps_patch_json_body_item_type_2_op(
    value: str,
) -> ConfigmapsPatchJsonBodyItemType2Op:
    if value in CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIGMAPS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
