from typing import Literal

EphemeralcontainersPatchJsonBodyItemType0Op = Literal["add", "replace", "test"]

EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES: set[
    EphemeralcontainersPatchJsonBodyItemType0Op
] = {
    "add",
    "replace",
    "test",
}


def check_ephemeralcontainers_patch_json_body_item_type_0_op(
    value: str,
) -> EphemeralcontainersPatchJsonBodyItemType0Op:
    if value in EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_0_OP_VALUES!r}"
    )
