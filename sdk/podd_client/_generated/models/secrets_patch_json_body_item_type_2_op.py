from typing import Literal

SecretsPatchJsonBodyItemType2Op = Literal["copy", "move"]

SECRETS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[SecretsPatchJsonBodyItemType2Op] = {
    "copy",
    "move",
}


def check_secrets_patch_json_body_item_type_2_op(value: str) -> SecretsPatchJsonBodyItemType2Op:
    if value in SECRETS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
