"""Events the kubelet emits from a pod's status (not from an action)."""

from __future__ import annotations

from podd.model.pod import Pod
from podd.store.events import EventRecorder


async def backoff_events(events: EventRecorder, pod: Pod) -> None:
    """BackOff events (counted) for containers held by CrashLoopBackOff or
    ImagePullBackOff, as the kubelet reports them."""
    meta, st = pod.metadata, pod.status
    for kind, cs in [
        *(("initContainers", cs) for cs in st.init_container_statuses or []),
        *(("containers", cs) for cs in st.container_statuses or []),
        *(("ephemeralContainers", cs) for cs in st.ephemeral_container_statuses or []),
    ]:
        waiting = cs.state.waiting
        field = f"spec.{kind}{{{cs.name}}}"
        if waiting is not None and waiting.reason == "CrashLoopBackOff":
            await events.record(
                pod,
                "Warning",
                "BackOff",
                f"Back-off restarting failed container {cs.name} in pod "
                f"{meta.name}_{meta.namespace}({meta.uid})",
                field_path=field,
            )
        elif waiting is not None and waiting.reason == "ImagePullBackOff":
            await events.record(
                pod,
                "Normal",
                "BackOff",
                waiting.message or "Back-off pulling image",
                field_path=field,
            )
