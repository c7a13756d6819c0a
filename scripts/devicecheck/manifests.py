"""The pods device-check creates (pure): plain Kubernetes Pod bodies."""

from __future__ import annotations

from typing import Any

BUSYBOX = "podd.check/busybox:1"
CUDACHECK = "podd.check/cudacheck:1"
GPU = "nvidia.com/gpu"
GPU_DONE = "GPU-CHECK-DONE"
BOMB_DONE = "BOMB-DONE"
# A bounded fork bomb: BOMB_FORKS background sleeps. The pod's pids limit
# stops it early; were no limit enforced, it still ends at BOMB_FORKS.
BOMB_FORKS = 1000


def pod(
    name: str,
    command: list[str],
    *,
    image: str = BUSYBOX,
    resources: dict[str, Any] | None = None,
    labels: dict[str, str] | None = None,
    grace: int = 1,
) -> dict[str, Any]:
    container: dict[str, Any] = {
        "name": "main",
        "image": image,
        "imagePullPolicy": "Never",  # the host reaches no registry: imported images only
        "command": command,
    }
    if resources:
        container["resources"] = resources
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"app": "device-check", **(labels or {})}},
        "spec": {
            "restartPolicy": "Never",
            "terminationGracePeriodSeconds": grace,
            "containers": [container],
        },
    }


def sh(script: str) -> list[str]:
    return ["sh", "-c", script]


def gpu_pod(name: str, hold_seconds: int) -> dict[str, Any]:
    """nvidia-smi -L and cudacheck, then holds the GPU for ``hold_seconds``."""
    script = (
        "nvidia-smi -L; echo nvidia-smi-exit=$?; cudacheck; echo cudacheck-exit=$?; "
        f"echo {GPU_DONE}; exec sleep {hold_seconds}"
    )
    return pod(name, sh(script), image=CUDACHECK, resources={"limits": {GPU: "1"}})


def gpu_annotated_pod(name: str) -> dict[str, Any]:
    """The CDI annotation form: every GPU named directly, shared, not allocated."""
    body = gpu_pod(name, 1)
    body["spec"]["containers"][0].pop("resources")
    body["metadata"]["annotations"] = {"cdi.k8s.io/check": f"{GPU}=all"}
    return body


def oom_pod(name: str) -> dict[str, Any]:
    limits = {"memory": "64Mi", "cpu": "500m"}
    return pod(name, ["tail", "/dev/zero"], resources={"limits": limits})


def cpu_pod(name: str) -> dict[str, Any]:
    return pod(name, sh("while :; do :; done"), resources={"limits": {"cpu": "200m"}})


def bomb_pod(name: str) -> dict[str, Any]:
    # The loop runs in a subshell: ash exits when a fork fails, the pod's
    # main shell goes on to say so and then sleeps (exec: no fork needed).
    script = (
        f"(i=0; while [ $i -lt {BOMB_FORKS} ]; do sleep 300 & i=$((i+1)); done) 2>/dev/null; "
        f"echo {BOMB_DONE}; exec sleep 300"
    )
    return pod(name, sh(script))


QOS_RESOURCES: dict[str, dict[str, Any] | None] = {
    "BestEffort": None,
    "Burstable": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
    "Guaranteed": {
        "requests": {"cpu": "500m", "memory": "128Mi"},
        "limits": {"cpu": "500m", "memory": "128Mi"},
    },
}
QOS_CPU_REQUEST_MILLIS = {"BestEffort": 0, "Burstable": 100, "Guaranteed": 500}
MIB = 1 << 20
QOS_MEMORY_LIMIT = {"BestEffort": None, "Burstable": 128 * MIB, "Guaranteed": 128 * MIB}


def qos_pod(name: str, qos: str) -> dict[str, Any]:
    return pod(name, ["sleep", "300"], resources=QOS_RESOURCES[qos])


def sleeper(name: str) -> dict[str, Any]:
    return pod(name, ["sleep", "300"])
