"""Fixtures for real, rootless containers: a sandbox from podd.sandbox (private
cgroup root, fresh runtime dir, subreaper), the busybox test image imported
through podd.images (layers unpacked in the pods' user namespace), runc and
conmon. Run as the unprivileged user::

    bash scripts/as-user.sh poddtest .venv/bin/pytest tests/integration/runtime

Everything a test made is removed afterwards, even when it fails: containers
stopped and removed, rootfs unmounted and upper dirs deleted (from inside the
user namespace), sandboxes destroyed, temp dirs removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec
import pytest

from podd.images.auth import CredentialStore
from podd.images.manager import ImageManager
from podd.images.manifest import ImageConfig
from podd.images.records import JsonImageIndex
from podd.images.unpacker import LayerUnpacker
from podd.images.userns_holder import UsernsHolder
from podd.model.pod import Pod
from podd.runtime import (
    ContainerHandle,
    ContainerStatus,
    PodEnvSources,
    RuntimeEnv,
    VolumeSource,
    container_status,
    create_container,
    remove_container,
    remove_pod_storage,
    start_container,
    stop_container,
)
from podd.runtime.exits import wait_exit_file
from podd.sandbox import SandboxEnv, SandboxState
from tests.integration.sandbox.conftest import (  # noqa: F401
    Sandboxes,
    cgroup_root,
    env,
    pause_bin,
    runtime_dir,
    sandboxes,
    subreaper,
)
from tests.support import oci_build as ob


@dataclasses.dataclass(frozen=True)
class Image:
    config: ImageConfig
    layers: list[Path]


async def _remove_trees(pause: Path, paths: list[Path]) -> None:
    holder = UsernsHolder(pause)
    unpacker = LayerUnpacker(holder.join_prefix)
    try:
        await unpacker.remove(paths)
    finally:
        await unpacker.close()
        await holder.stop()


@pytest.fixture(scope="session")
def busybox(pause_bin: Path) -> Iterator[Image]:  # noqa: F811
    """The busybox test image, imported once per session."""
    data = Path(tempfile.mkdtemp(prefix="podd-rt-images-"))

    async def load() -> Image:
        holder = UsernsHolder(pause_bin)
        index = JsonImageIndex(data / "images.json")
        m = ImageManager(data, index, credentials=CredentialStore([]), holder=holder)
        try:
            layout = ob.write_oci_layout(
                data / "layout", [(ob.busybox_image(), "docker.io/library/busybox:latest")]
            )
            [rec] = await m.import_archive(layout)
            return Image(rec.config, m.layer_dirs(rec))
        finally:
            await m.close()

    try:
        yield asyncio.run(load())
    finally:
        with contextlib.suppress(Exception):
            asyncio.run(_remove_trees(pause_bin, [data]))
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def rt(env: SandboxEnv, pause_bin: Path) -> Iterator[RuntimeEnv]:  # noqa: F811
    """A RuntimeEnv on fresh dirs (exits in the test's runtime dir)."""
    storage = Path(tempfile.mkdtemp(prefix="podd-rt-storage-"))
    holder = UsernsHolder(pause_bin)
    found = RuntimeEnv.discover(
        exits_dir=env.runtime_dir / "exits",
        storage_dir=storage,
        pause=pause_bin,
        id_mapping=env.id_mapping,
        userns_join=holder.join_prefix,
        create_timeout=20.0,
        kill_timeout=5.0,
    )
    try:
        yield found
    finally:
        leftovers = [p for p in storage.iterdir()] if storage.exists() else []
        if leftovers:
            asyncio.run(_remove_trees(pause_bin, leftovers))
        shutil.rmtree(storage, ignore_errors=True)
        asyncio.run(holder.stop())


def make_pod(uid: str, name: str, containers: list[dict[str, Any]], **spec: Any) -> Pod:
    """A Pod from camelCase dicts (as a client would send)."""
    body = {
        "metadata": {"name": name, "namespace": "default", "uid": uid},
        "spec": {"containers": containers, **spec},
    }
    return msgspec.convert(body, Pod)


class Harness:
    """Sandboxes and containers of one test, all removed by :meth:`close`."""

    def __init__(self, rt: RuntimeEnv, boxes: Sandboxes, image: Image, logs: Path) -> None:
        self.rt = rt
        self.boxes = boxes
        self.image = image
        self.logs = logs
        self.handles: list[ContainerHandle] = []

    async def sandbox(self, name: str = "pod", **fields: Any) -> SandboxState:
        return await self.boxes.create(name, **fields)

    def log_path(self, sandbox: SandboxState, name: str, restart: int = 0) -> Path:
        return self.logs / f"default_pod_{sandbox.uid}" / name / f"{restart}.log"

    async def create(
        self,
        sandbox: SandboxState,
        pod: Pod,
        name: str,
        *,
        volumes: Mapping[str, VolumeSource] | None = None,
        restart_count: int = 0,
        sources: PodEnvSources | None = None,
    ) -> ContainerHandle:
        container = next(c for c in pod.spec.containers if c.name == name)
        handle = await create_container(
            self.rt,
            sandbox,
            pod,
            container,
            self.image.config,
            self.image.layers,
            sources=sources or PodEnvSources(pod, pod_ip=sandbox.pod_ip),
            log_path=self.log_path(sandbox, name, restart_count),
            volumes=volumes,
            restart_count=restart_count,
        )
        self.handles.append(handle)
        return handle

    async def run(self, sandbox: SandboxState, pod: Pod, name: str, **kw: Any) -> ContainerHandle:
        handle = await self.create(sandbox, pod, name, **kw)
        started = await start_container(self.rt, handle)
        self.handles[self.handles.index(handle)] = started
        return started

    async def wait_exit(self, handle: ContainerHandle, timeout: float = 10.0) -> ContainerStatus:
        assert await wait_exit_file(handle.exit_file, timeout), f"{handle.name} did not exit"
        return container_status(self.rt, handle)

    async def close(self) -> None:
        for handle in reversed(self.handles):
            with contextlib.suppress(Exception):
                await stop_container(self.rt, handle, 0)
            with contextlib.suppress(Exception):
                await remove_container(self.rt, handle)
        for state in list(self.boxes.live.values()):
            with contextlib.suppress(Exception):
                await remove_pod_storage(self.rt, state.uid, state)
        await self.boxes.close()


def log_lines(path: Path) -> list[tuple[str, str]]:
    """(stream, text) of each complete k8s-file line; partial (P) records
    are joined with what follows on the same stream, as conmon may cut a
    write anywhere."""
    out: list[tuple[str, str]] = []
    pending: dict[str, str] = {}
    for line in path.read_text().splitlines():
        _ts, stream, tag, text = [*line.split(" ", 3), ""][:4]
        if tag == "P":
            pending[stream] = pending.get(stream, "") + text
        elif tag == "F":
            out.append((stream, pending.pop(stream, "") + text))
    return out


@pytest.fixture
async def harness(
    rt: RuntimeEnv,
    sandboxes: Sandboxes,  # noqa: F811
    busybox: Image,
) -> AsyncIterator[Harness]:
    logs = Path(tempfile.mkdtemp(prefix="podd-rt-logs-"))
    h = Harness(rt, sandboxes, busybox, logs)
    try:
        yield h
    finally:
        await h.close()
        shutil.rmtree(logs, ignore_errors=True)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
