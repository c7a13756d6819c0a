from typing import Literal

PodListKind = Literal["", "PodList"]

POD_LIST_KIND_VALUES: set[PodListKind] = {
    "",
    "PodList",
}


def check_pod_list_kind(value: str) -> PodListKind:
    if value in POD_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POD_LIST_KIND_VALUES!r}")
