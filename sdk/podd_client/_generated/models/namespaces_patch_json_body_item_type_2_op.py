from typing import Literal

NamespacesPatchJsonBodyItemType2Op = Literal["copy", "move"]

NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[NamespacesPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_namespaces_patch_json_body_item_type_2_op(
    value: str,
) -> NamespacesPatchJsonBodyItemType2Op:
    if value in NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
