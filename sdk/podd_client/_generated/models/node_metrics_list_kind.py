from typing import Literal

NodeMetricsListKind = Literal["", "NodeMetricsList"]

NODE_METRICS_LIST_KIND_VALUES: set[NodeMetricsListKind] = {
    "",
    "NodeMetricsList",
}


def check_node_metrics_list_kind(value: str) -> NodeMetricsListKind:
    if value in NODE_METRICS_LIST_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NODE_METRICS_LIST_KIND_VALUES!r}"
    )
