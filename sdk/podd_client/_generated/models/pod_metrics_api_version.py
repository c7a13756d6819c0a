from typing import Literal

PodMetricsApiVersion = Literal["", "metrics.k8s.io/v1beta1"]

POD_METRICS_API_VERSION_VALUES: set[PodMetricsApiVersion] = {
    "",
    "metrics.k8s.io/v1beta1",
}


def check_pod_metrics_api_version(value: str) -> PodMetricsApiVersion:
    if value in POD_METRICS_API_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POD_METRICS_API_VERSION_VALUES!r}"
    )
