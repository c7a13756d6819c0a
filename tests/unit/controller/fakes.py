"""Fakes of the two narrow interfaces a pod worker drives (containers and
sandboxes) and of the image store, so the worker runs here without
namespaces. The store and the event recorder stay real (SQLite in tmp)."""

from __future__ import annotations

import asyncio
import itertools
import time

import msgspec

from podd.controller.observed import Instance
from podd.controller.runtime_api import ExecResult, Recovered, StartRequest
from podd.images import ImageError
from podd.images.manifest import ImageConfig
from podd.images.records import ImageRecord
from podd.sandbox import PauseHandle, SandboxHealth, SandboxSpec, SandboxState
from podd.sandbox.etcfiles import EtcPaths
from podd.sandbox.network import SlirpHandle

_ids = itertools.count(1)


class FakeRuntime:
    """Containers that run until stopped or told to exit."""

    def __init__(self) -> None:
        self.started: list[StartRequest] = []
        self.instances: dict[str, Instance] = {}
        self.owner: dict[str, str] = {}
        self.names: dict[str, str] = {}  # container id → container name
        self.stopped: list[tuple[str, str, float]] = []
        self.removed_pods: list[str] = []
        self.found: dict[str, list[Recovered]] = {}  # what recover() finds per pod

    async def start(self, req: StartRequest) -> Instance:
        cid = f"c{next(_ids)}"
        self.started.append(req)
        inst = Instance(id=cid, running=True, started_at=time.time())
        self.instances[cid] = inst
        self.owner[cid] = req.pod.metadata.uid or ""
        self.names[cid] = req.container.name
        return inst

    def exit(self, cid: str, code: int) -> None:
        """The container's process ends by itself."""
        inst = self.instances[cid]
        self.instances[cid] = Instance(
            id=cid,
            running=False,
            started_at=inst.started_at,
            finished_at=time.time(),
            exit_code=code,
            reason="Completed" if code == 0 else "Error",
        )

    def latest(self, name: str) -> Instance:
        cid = max((c for c, n in self.names.items() if n == name), key=lambda c: int(c[1:]))
        return self.instances[cid]

    def refresh(self, pod_uid: str, instance: Instance) -> Instance:
        return self.instances.get(instance.id, instance)

    async def stop(self, pod_uid: str, container_id: str, signal: str, grace: float) -> None:
        self.stopped.append((container_id, signal, grace))
        if container_id in self.instances and self.instances[container_id].running:
            self.exit(container_id, 143)

    async def exec(
        self,
        pod_uid: str,
        container_id: str,
        command: list[str],
        *,
        stdin: bytes | None = None,
        timeout: float = 60.0,
    ) -> ExecResult:
        return ExecResult(exit_code=0, stdout="", stderr="")

    async def recover(self, pod_uid: str, sandbox: SandboxState) -> list[Recovered]:
        found = self.found.get(pod_uid, [])
        for r in found:
            self.instances[r.instance.id] = r.instance
            self.owner[r.instance.id] = pod_uid
            self.names[r.instance.id] = r.name
        return found

    async def remove_pod(self, pod_uid: str, sandbox: SandboxState | None) -> None:
        self.removed_pods.append(pod_uid)
        for cid, uid in self.owner.items():
            if uid == pod_uid and self.instances[cid].running:
                self.exit(cid, 137)

    def pod_of(self, container_id: str) -> str | None:
        return self.owner.get(container_id)


def sandbox_state(uid: str) -> SandboxState:
    return SandboxState(
        uid=uid,
        pause=PauseHandle(10, 1, "p"),
        slirp=SlirpHandle(11, 2, "/x/slirp.sock", "/x/slirp.log"),
        runtime_dir="/x",
        cgroup_path=None,
        pod_ip="10.0.2.100",
        gateway="10.0.2.2",
        dns_server="10.0.2.3",
        etc=EtcPaths("/x/hosts", "/x/hostname", "/x/resolv.conf"),
    )


class FakeSandboxes:
    def __init__(self) -> None:
        self.created: list[SandboxSpec] = []
        self.destroyed: list[str] = []
        self.alive: dict[str, bool] = {}
        self.network: dict[str, bool] = {}  # False: its slirp4netns died
        self.restored: list[str] = []
        self.half_removed: set[str] = set()  # a dir without state (teardown cut short)
        self.on_disk: dict[str, SandboxState] = {}

    async def create(self, spec: SandboxSpec) -> SandboxState:
        self.created.append(spec)
        self.alive[spec.uid] = True
        return sandbox_state(spec.uid)

    async def destroy(self, state: SandboxState) -> None:
        self.destroyed.append(state.uid)
        self.alive[state.uid] = False

    def check(self, state: SandboxState) -> SandboxHealth:
        up = self.alive.get(state.uid, False)
        net = up and self.network.get(state.uid, True)
        return SandboxHealth(up and net, up, net, None if net else "gone")

    async def restore_network(self, state: SandboxState) -> SandboxState:
        self.restored.append(state.uid)
        self.network[state.uid] = True
        return msgspec.structs.replace(
            state, slirp=msgspec.structs.replace(state.slirp, pid=state.slirp.pid + 100)
        )

    def load(self, uid: str) -> SandboxState | None:
        state = self.on_disk.get(uid)
        if state is not None:
            self.alive[uid] = True
        return state

    def known(self) -> list[str]:
        return sorted(set(self.on_disk) | self.half_removed)

    async def purge(self, uid: str) -> None:
        self.on_disk.pop(uid, None)
        self.half_removed.discard(uid)


def image_record(ref: str) -> ImageRecord:
    digest = "sha256:" + f"{abs(hash(ref)):064x}"[-64:]
    return ImageRecord(
        id=digest,
        names=[ref],
        manifest_digest=digest,
        manifest_media_type="application/vnd.oci.image.manifest.v1+json",
        config=ImageConfig(architecture="amd64", os="linux"),
    )


class FakeImages:
    """An image store where ``present`` images resolve and others pull
    (instantly, or failing for ``broken`` references)."""

    def __init__(self, *present: str, broken: tuple[str, ...] = ()) -> None:
        self.present = {ref: image_record(ref) for ref in present}
        self.broken = set(broken)
        self.pulls: list[str] = []

    async def resolve(self, ref: str) -> ImageRecord | None:
        return self.present.get(ref)

    async def pull(self, ref: str) -> ImageRecord:
        self.pulls.append(ref)
        await asyncio.sleep(0)
        if ref in self.broken:
            raise ImageError(f"manifest unknown: {ref}")
        self.present[ref] = image_record(ref)
        return self.present[ref]
