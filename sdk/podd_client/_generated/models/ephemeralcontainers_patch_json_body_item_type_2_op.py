from typing import Literal

EphemeralcontainersPatchJsonBodyItemType2Op = Literal["copy", "move"]

EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES: set[
    EphemeralcontainersPatchJsonBodyItemType2Op
] = {
    "copy",
    "move",
}


def check_ephemeralcontainers_patch_json_body_item_type_2_op(
    value: str,
) -> EphemeralcontainersPatchJsonBodyItemType2Op:
    if value in EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EPHEMERALCONTAINERS_PATCH_JSON_BODY_ITEM_TYPE_2_OP_VALUES!r}"
    )
