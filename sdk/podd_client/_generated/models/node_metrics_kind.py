from typing import Literal

NodeMetricsKind = Literal["", "NodeMetrics"]

NODE_METRICS_KIND_VALUES: set[NodeMetricsKind] = {
    "",
    "NodeMetrics",
}


def check_node_metrics_kind(value: str) -> NodeMetricsKind:
    if value in NODE_METRICS_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NODE_METRICS_KIND_VALUES!r}")
