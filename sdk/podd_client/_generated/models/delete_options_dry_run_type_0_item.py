from typing import Literal

DeleteOptionsDryRunType0Item = Literal["All"]

DELETE_OPTIONS_DRY_RUN_TYPE_0_ITEM_VALUES: set[DeleteOptionsDryRunType0Item] = {
    "All",
}


def check_delete_options_dry_run_type_0_item(value: str) -> DeleteOptionsDryRunType0Item:
    if value in DELETE_OPTIONS_DRY_RUN_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DELETE_OPTIONS_DRY_RUN_TYPE_0_ITEM_VALUES!r}"
    )
