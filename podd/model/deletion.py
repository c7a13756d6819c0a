"""Graceful deletion of a pod, as the apiserver's pod strategy decides it."""

from __future__ import annotations

import msgspec

from podd.model.pod import Pod
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339

DEFAULT_GRACE = 30


def grace_period(pod: Pod, opts: DeleteOptions) -> int:
    """The grace period a delete gets: the request's, else the pod's; 0 for a
    pod that never reached a node or already finished (nothing to stop)."""
    grace = opts.grace_period_seconds
    if grace is None:
        grace = pod.spec.termination_grace_period_seconds
    if grace is None:
        grace = DEFAULT_GRACE
    if not pod.spec.node_name or pod.status.phase in ("Succeeded", "Failed"):
        return 0
    return max(grace, 0)


def begin_pod_deletion(pod: Pod, opts: DeleteOptions) -> Pod | None:
    """None: remove the pod from the store now. Otherwise the pod marked for
    graceful deletion (its worker stops it and removes it); a pod already
    terminating only ever gets a shorter grace period, never a longer one."""
    grace = grace_period(pod, opts)
    meta = pod.metadata
    if grace == 0:
        return None
    if meta.deletion_timestamp is not None and (meta.deletion_grace_period_seconds or 0) <= grace:
        return pod
    marked = msgspec.structs.replace(
        meta,
        deletion_timestamp=meta.deletion_timestamp or now_rfc3339(),
        deletion_grace_period_seconds=grace,
    )
    return msgspec.structs.replace(pod, metadata=marked)
