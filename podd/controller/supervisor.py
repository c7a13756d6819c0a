"""Notices, within a moment, the death of what keeps a pod alive: its pause,
its slirp4netns, each container's conmon (pidfds on the event loop, no
polling). It wakes the pod's worker, whose next sync sees the sandbox's
health (pause → rebuild, network → restore); a container whose conmon died
while it ran is ended here first (its exit is then recorded and the restart
policy applies), with an event saying so.

Workers call :meth:`Supervisor.sync` on every sync with what runs now; the
watches follow (added, replaced, cancelled) like probe workers do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from podd.controller.runtime_api import ContainerRuntime
from podd.pidwatch import PidWatcher, Watch
from podd.sandbox import SandboxState
from podd.sandbox.process import ProcessRef

log = logging.getLogger("podd.controller")

Report = Callable[[str, str, str, str], None]  # (pod uid, container, reason, message)


class Supervisor:
    def __init__(
        self,
        watcher: PidWatcher,
        runtime: ContainerRuntime | None,
        wake: Callable[[str], None],
        report: Report,
    ) -> None:
        self._watcher = watcher
        self._runtime = runtime
        self._wake = wake
        self._report = report
        # pod uid → what → (the process watched, its watch)
        self._watches: dict[str, dict[str, tuple[ProcessRef, Watch]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def sync(self, uid: str, state: SandboxState | None, running: dict[str, str]) -> None:
        """Watch the sandbox's pause and slirp4netns and the conmon of each
        running container (``running``: container name → instance id)."""
        wanted: dict[str, tuple[ProcessRef, Callable[[], None]]] = {}
        if state is not None:
            wanted["pause"] = (state.pause.ref, lambda: self._wake(uid))
            if state.slirp is not None:  # on the pod network: the network's, watched apart
                wanted["slirp4netns"] = (state.slirp.ref, lambda: self._wake(uid))
        for name, cid in running.items():
            ref = self._runtime.monitor(uid, cid) if self._runtime else None
            if ref is not None:
                wanted[f"conmon/{name}/{cid}"] = (ref, self._on_conmon(uid, name, cid))
        current = self._watches.setdefault(uid, {})
        for key in list(current):
            if key not in wanted or wanted[key][0] != current[key][0]:
                current.pop(key)[1].cancel()
        for key, (ref, on_exit) in wanted.items():
            if key not in current:
                current[key] = (ref, self._watcher.watch(ref, on_exit))
        if not current:
            self._watches.pop(uid, None)

    def forget(self, uid: str) -> None:
        for _, watch in self._watches.pop(uid, {}).values():
            watch.cancel()

    def _on_conmon(self, uid: str, name: str, cid: str) -> Callable[[], None]:
        def died() -> None:
            task = asyncio.create_task(self._conmon_died(uid, name, cid))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        return died

    async def _conmon_died(self, uid: str, name: str, cid: str) -> None:
        try:
            ended = self._runtime is not None and await self._runtime.monitor_died(uid, cid)
        except Exception as exc:
            log.warning("unsupervised container not stopped", extra={"id": cid, "error": str(exc)})
            ended = False
        if ended:
            self._report(
                uid,
                name,
                "ContainerStatusUnknown",
                f"The monitor (conmon) of container {name} died; the container was stopped "
                "and its restart policy applies",
            )
        self._wake(uid)

    async def close(self) -> None:
        for uid in list(self._watches):
            self.forget(uid)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
