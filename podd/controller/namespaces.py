"""The namespace controller: a namespace marked Terminating (by the API's
delete) is emptied — pods deleted gracefully, everything else at once — and
removed once nothing is left in it. Driven by the change feed; resumed at
start for namespaces a killed podd left Terminating."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import Any

import msgspec

from podd.model.deletion import begin_pod_deletion
from podd.model.namespace import Namespace
from podd.model.pod import Pod
from podd.model.status import DeleteOptions
from podd.store.errors import StoreError
from podd.store.repository import Store

log = logging.getLogger("podd.controller")

POLL = 0.2  # seconds between looks at what is left (pods stop gracefully meanwhile)


class NamespaceController:
    def __init__(
        self, store: Store, kinds: Mapping[str, type[Any]], timeout: float = 600.0
    ) -> None:
        self._store = store
        self._kinds = kinds  # the namespaced kinds podd serves → their Struct
        self._timeout = timeout
        self._tasks: dict[str, asyncio.Task[None]] = {}

    async def resume(self) -> None:
        """Namespaces left Terminating by a podd that stopped or was killed."""
        items, _, _ = await self._store.query("Namespace")
        for item in items:
            self.changed(item.data)

    def changed(self, data: bytes) -> None:
        """A Namespace changed: start emptying it if it is Terminating."""
        ns = msgspec.json.decode(data, type=Namespace)
        name = ns.metadata.name or ""
        if ns.status.phase == "Terminating" and name not in self._tasks:
            task = asyncio.create_task(self._empty_then_remove(name), name=f"namespace {name}")
            self._tasks[name] = task
            task.add_done_callback(lambda _: self._tasks.pop(name, None))

    async def _empty_then_remove(self, name: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._timeout
        while loop.time() < deadline:
            left = 0
            for kind in self._kinds:
                items, _, _ = await self._store.query(kind, name)
                left += len(items)
                for item in items:
                    with contextlib.suppress(StoreError):
                        await self._delete(kind, item.data)
            if left == 0:
                break
            await asyncio.sleep(POLL)
        current = await self._store.get("Namespace", "", name)
        if current is not None:
            with contextlib.suppress(StoreError):
                await self._store.delete(
                    "Namespace", msgspec.json.decode(current.data, type=Namespace)
                )
        log.info("namespace removed", extra={"namespace": name})

    async def _delete(self, kind: str, data: bytes) -> None:
        if kind != "Pod":
            obj = msgspec.json.decode(data, type=self._kinds[kind])
            await self._store.delete(kind, obj, expected_uid=obj.metadata.uid)
            return
        pod = msgspec.json.decode(data, type=Pod)
        if pod.metadata.deletion_timestamp:
            return  # its worker is stopping it
        marked = begin_pod_deletion(pod, DeleteOptions())
        if marked is None:
            await self._store.delete("Pod", pod, expected_uid=pod.metadata.uid)
        else:
            await self._store.update("Pod", marked, expected_uid=pod.metadata.uid)

    async def stop(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
