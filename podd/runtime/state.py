"""Where a container lives on disk and what podd remembers about it.

Per pod, in the sandbox's runtime dir (tmpfs; containers do not outlive a
reboot either)::

    <pod runtime dir>/
      runc/                     the OCI runtime's --root
      rootfs/<name>/            overlay mount points (in the pod's mount ns)
      containers/<id>/          the bundle: config.json, container.json (the
                                ContainerHandle), pidfile, conmon.pid,
                                conmon.log, persist/ (conmon's exit/oom),
                                exec-*.json

    <exits dir>/<id>            conmon's exit file (one dir for all pods)
    <storage dir>/<pod uid>/<name>/  upper/, work/, lowers.json (or rootfs/ in
                                copy mode): kept across restarts, removed
                                with the pod

A :class:`ContainerHandle` is written when the container is created and
again when it starts; after a podd restart :func:`load_handles` gives them
back and the processes are found again by pid *and* start time.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import msgspec

from podd.atomicfile import write_atomic
from podd.runtime.errors import StateError
from podd.sandbox.process import ProcessRef, is_running

__all__ = [
    "HANDLE_FILE",
    "ContainerHandle",
    "PodDirs",
    "anchor_pid",
    "load_handle",
    "load_handles",
    "new_container_id",
    "save_handle",
]

HANDLE_FILE = "container.json"
INTENT_FILE = "intent.json"  # written before conmon starts: a create under way
_ID = re.compile(r"^[0-9a-f]{64}$")


def new_container_id() -> str:
    """A random 64-hex container id (as CRI runtimes use)."""
    return os.urandom(32).hex()


def is_container_id(name: str) -> bool:
    return bool(_ID.match(name))


class PodDirs(msgspec.Struct, frozen=True):
    """The runtime-side directories of one pod."""

    runtime_dir: str

    @property
    def runc_root(self) -> Path:
        return Path(self.runtime_dir) / "runc"

    @property
    def containers(self) -> Path:
        return Path(self.runtime_dir) / "containers"

    @property
    def rootfs_mounts(self) -> Path:
        return Path(self.runtime_dir) / "rootfs"

    def bundle(self, cid: str) -> Path:
        return self.containers / cid


class ContainerHandle(msgspec.Struct, frozen=True, kw_only=True):
    """A created container, as persisted in ``<bundle>/container.json``.

    ``pause`` is the pod's pause (the namespaces to join); ``conmon`` and
    ``init`` (the container's first process) are set once it is created.
    """

    id: str
    name: str
    pod_uid: str
    restart_count: int
    runtime: str
    runtime_path: str
    runtime_root: str
    bundle: str
    rootfs: str
    log_path: str
    exit_file: str
    cgroup: str | None
    pause: ProcessRef
    conmon: ProcessRef | None = None
    init: ProcessRef | None = None
    stop_signal: str = "SIGTERM"
    created_at: str = ""
    started_at: str | None = None
    warnings: list[str] = []

    @property
    def container_id(self) -> str:
        """What a container status shows: ``<runtime>://<id>``."""
        return f"{self.runtime}://{self.id}"

    @property
    def persist_dir(self) -> Path:
        return Path(self.bundle) / "persist"


_decoder = msgspec.json.Decoder(ContainerHandle)


class ContainerIntent(msgspec.Struct, frozen=True, kw_only=True):
    """What is about to be created, persisted as ``<bundle>/intent.json``
    before conmon starts: enough to remove a container a killed podd left
    half made (its runtime state, its conmon, its cgroup leaf)."""

    id: str
    name: str
    pod_uid: str
    restart_count: int
    runtime_path: str
    runtime_root: str
    bundle: str
    exit_file: str
    cgroup: str | None
    pause: ProcessRef


def save_intent(intent: ContainerIntent) -> None:
    write_atomic(Path(intent.bundle) / INTENT_FILE, msgspec.json.encode(intent))


def load_intent(bundle: str | Path) -> ContainerIntent | None:
    try:
        return msgspec.json.decode((Path(bundle) / INTENT_FILE).read_bytes(), type=ContainerIntent)
    except (OSError, msgspec.DecodeError):
        return None


def save_handle(handle: ContainerHandle) -> None:
    """Write the handle atomically (tmp file + rename)."""
    write_atomic(Path(handle.bundle) / HANDLE_FILE, msgspec.json.encode(handle))


def load_handle(bundle: str | Path) -> ContainerHandle:
    path = Path(bundle) / HANDLE_FILE
    try:
        return _decoder.decode(path.read_bytes())
    except FileNotFoundError as exc:
        raise StateError(f"no container state in {bundle}") from exc
    except (OSError, msgspec.DecodeError) as exc:
        raise StateError(f"unreadable container state {path}: {exc}") from exc


def bundles(runtime_dir: str | Path) -> list[Path]:
    """Every container bundle dir of the pod, complete or not."""
    root = PodDirs(str(runtime_dir)).containers
    with contextlib.suppress(FileNotFoundError):
        return sorted(
            Path(e.path) for e in os.scandir(root) if e.is_dir() and is_container_id(e.name)
        )
    return []


def load_handles(runtime_dir: str | Path) -> list[ContainerHandle]:
    """Every container of the pod whose runtime dir this is (oldest first);
    bundles without a readable state are skipped (a create that died)."""
    root = PodDirs(str(runtime_dir)).containers
    out: list[ContainerHandle] = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(root):
            if entry.is_dir() and is_container_id(entry.name):
                with contextlib.suppress(StateError):
                    out.append(load_handle(entry.path))
    return sorted(out, key=lambda h: (h.created_at, h.name, h.restart_count))


def anchor_pid(handle: ContainerHandle, proc_root: str | Path = "/proc") -> int | None:
    """A live process in the pod's user and mount namespaces to join: the
    pause, else the container's conmon (which outlives a dead pause)."""
    if is_running(handle.pause, proc_root):
        return handle.pause.pid
    if handle.conmon is not None and is_running(handle.conmon, proc_root):
        return handle.conmon.pid
    return None
