from typing import Literal

NamespacesPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[NamespacesPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_namespaces_patch_json_body_item_type_0_op(
    value: str,
) -> NamespacesPatchJsonBodyItemType0Op:
    if value in NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAMESPACES_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
