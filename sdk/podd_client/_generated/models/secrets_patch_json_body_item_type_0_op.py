from typing import Literal

SecretsPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

SECRETS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[SecretsPatchJsonBodyItemType0Op] = {
    "add",
    "replace",
    "test",
}


def check_secrets_patch_json_body_item_type_0_op(value: str) -> SecretsPatchJsonBodyItemType0Op:
    if value in SECRETS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRETS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
