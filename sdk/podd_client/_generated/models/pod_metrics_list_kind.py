from typing import Literal

PodMetricsListKind = Literal["", "PodMetricsList"]

POD_METRICS_LIST_KIND_VALUES: set[PodMetricsListKind] = {
    "",
    "PodMetricsList",
}


def check_pod_metrics_list_kind(value: str) -> PodMetricsListKind:
    if value in POD_METRICS_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POD_METRICS_LIST_KIND_VALUES!r}")
