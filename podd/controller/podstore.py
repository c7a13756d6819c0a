"""The pod worker's view of the store: read its pod, write its status (tagged
so the controller's own writes do not wake it again), remove it at the end."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import msgspec

from podd.model.pod import Pod
from podd.model.podstatus import PodStatus
from podd.store.errors import ConflictError, NotFoundError
from podd.store.repository import Store

CONTROLLER = "controller"  # the origin of the controller's writes in the change feed

_pod_decoder = msgspec.json.Decoder(Pod)


def decode_pod(data: bytes) -> Pod:
    return _pod_decoder.decode(data)


class PodStore:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def load(self, ns: str, name: str, uid: str) -> Pod | None:
        """The pod as stored now; None once it is gone (or replaced by another uid)."""
        stored = await self._store.get("Pod", ns, name)
        if stored is None or stored.uid != uid:
            return None
        return _pod_decoder.decode(stored.data)

    async def write_status(self, pod: Pod, compute: Callable[[Pod], PodStatus]) -> Pod | None:
        """Write ``compute(pod)`` as the status if it differs; re-read and retry
        when the pod changed underneath (an API update). None: the pod is gone."""
        meta = pod.metadata
        for _ in range(5):
            status = compute(pod)
            if status == pod.status:
                return pod
            pod.status = status
            try:
                stored = await self._store.update(
                    "Pod",
                    pod,
                    expected_rv=int(pod.metadata.resource_version or 0),
                    origin=CONTROLLER,
                )
                return _pod_decoder.decode(stored.data)
            except ConflictError:
                fresh = await self.load(meta.namespace or "", meta.name or "", meta.uid or "")
                if fresh is None:
                    return None
                pod = fresh
            except NotFoundError:
                return None
        return None

    async def remove(self, pod: Pod) -> None:
        with contextlib.suppress(NotFoundError):
            await self._store.delete("Pod", pod, expected_uid=pod.metadata.uid)
