"""The persisted container state: handles saved and loaded, the anchor pid."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import pytest

from podd.runtime.errors import StateError
from podd.runtime.state import (
    ContainerHandle,
    PodDirs,
    anchor_pid,
    load_handle,
    load_handles,
    new_container_id,
    save_handle,
)
from podd.sandbox.process import ProcessRef, process_ref


def handle(bundle: Path, **kw: object) -> ContainerHandle:
    fields: dict[str, object] = {
        "id": new_container_id(),
        "name": "web",
        "pod_uid": "u-1",
        "restart_count": 0,
        "runtime": "runc",
        "runtime_path": "/usr/sbin/runc",
        "runtime_root": "/run/p/runc",
        "bundle": str(bundle),
        "rootfs": "/run/p/rootfs/web",
        "log_path": "/logs/0.log",
        "exit_file": "/run/exits/x",
        "cgroup": None,
        "pause": ProcessRef(1, 1),
        "created_at": "2026-11-22T10:00:00.000000Z",
        **kw,
    }
    return msgspec.convert(fields, ContainerHandle, from_attributes=True)


def test_handles_roundtrip(tmp_path: Path) -> None:
    dirs = PodDirs(str(tmp_path))
    first = handle(dirs.bundle("a" * 64), created_at="2026-11-22T10:00:01.000000Z")
    second = handle(dirs.bundle("b" * 64), created_at="2026-11-22T10:00:00.000000Z", name="side")
    for h in (first, second):
        Path(h.bundle).mkdir(parents=True)
        save_handle(h)
    assert load_handle(first.bundle) == first
    assert first.container_id == f"runc://{first.id}"
    dirs.bundle("c" * 64).mkdir()  # a create that died before its state was written
    (dirs.containers / "not-an-id").mkdir()
    assert load_handles(tmp_path) == [second, first]
    (Path(first.bundle) / "container.json").write_text("{")
    with pytest.raises(StateError):
        load_handle(first.bundle)
    assert load_handles(tmp_path) == [second]
    assert load_handles(tmp_path / "nothing") == []


def test_anchor_pid(tmp_path: Path) -> None:
    me = process_ref(os.getpid())
    assert me is not None
    gone = ProcessRef(me.pid, me.start_time + 1)  # same pid, other start time
    assert anchor_pid(handle(tmp_path, pause=me)) == me.pid
    assert anchor_pid(handle(tmp_path, pause=gone, conmon=me)) == me.pid
    assert anchor_pid(handle(tmp_path, pause=gone, conmon=gone)) is None
