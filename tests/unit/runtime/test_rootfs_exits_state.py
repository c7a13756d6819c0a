"""Overlay options and mount tables, exit files and the inotify watch, the
persisted container state."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import msgspec
import pytest

from podd.runtime.errors import RootfsError, StateError
from podd.runtime.exits import (
    ExitInfo,
    oom_killed,
    parse_events,
    read_exit,
    wait_exit_file,
    watch_exits,
    write_exit,
)
from podd.runtime.rootfs import mounted_under, overlay_options, rootfs_paths
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


def test_overlay_options() -> None:
    opts, cwd = overlay_options(["/l/top", "/l/base"], "/s/upper", "/s/work")
    assert opts == "lowerdir=/l/top:/l/base,upperdir=/s/upper,workdir=/s/work,userxattr"
    assert cwd is None
    many = [f"/home/someone/.local/share/podd/storage/layers/sha256/{i:064x}" for i in range(40)]
    opts, cwd = overlay_options(many, "/u", "/w")
    assert cwd == "/home/someone/.local/share/podd/storage/layers/sha256"
    assert opts.startswith(f"lowerdir={0:064x}:{1:064x}:") and len(opts) < 4000
    with pytest.raises(RootfsError, match="too many image layers"):
        overlay_options([f"/x/{i:0100x}" for i in range(60)], "/u", "/w")


def test_mounted_under() -> None:
    info = "\n".join(
        [
            "22 1 254:0 / / rw - ext4 /dev/vda rw",
            "67 43 0:41 / /run/p/rootfs/web rw - overlay overlay rw,lowerdir=/a",
            "68 43 0:42 / /run/p/rootfs/with\\040space rw - overlay overlay rw",
            "69 67 0:43 / /run/p/rootfs/web/proc rw - proc proc rw",
            "70 43 0:44 / /run/p/rootfsx rw - tmpfs tmpfs rw",
        ]
    )
    assert mounted_under(info, "/run/p/rootfs") == [
        "/run/p/rootfs/web/proc",
        "/run/p/rootfs/web",
        "/run/p/rootfs/with space",
    ]
    assert mounted_under(info, "/nowhere") == []


def test_rootfs_paths() -> None:
    paths = rootfs_paths(PodDirs("/run/p"), "/data/storage/u-1", "web")
    assert paths.mountpoint == "/run/p/rootfs/web"
    assert (paths.upper, paths.work, paths.copy, paths.marker) == (
        Path("/data/storage/u-1/web/upper"),
        Path("/data/storage/u-1/web/work"),
        Path("/data/storage/u-1/web/rootfs"),
        Path("/data/storage/u-1/web/lowers.json"),
    )


def test_exit_files(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    (bundle / "persist").mkdir(parents=True)
    exit_file = tmp_path / "exits" / "c1"
    exit_file.parent.mkdir()
    assert read_exit(exit_file, bundle, None) is None
    exit_file.write_text("137")
    os.utime(exit_file, (1_700_000_000.25, 1_700_000_000.25))
    assert read_exit(exit_file, bundle, None) == ExitInfo(137, "2023-11-14T22:13:20.250000Z", False)
    exit_file.write_text("garbage")
    assert read_exit(exit_file, bundle, None) is None
    write_exit(exit_file, 3)
    info = read_exit(exit_file, bundle, None)
    assert info is not None and info.exit_code == 3
    assert not oom_killed(bundle, None)
    (bundle / "persist" / "oom").touch()
    assert oom_killed(bundle, None)
    leaf = tmp_path / "leaf"
    leaf.mkdir()
    (leaf / "memory.events").write_text("low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n")
    assert oom_killed(tmp_path / "other", str(leaf))


def test_parse_events() -> None:
    import struct

    def ev(mask: int, name: bytes) -> bytes:
        padded = name + b"\0" * (16 - len(name))
        return struct.pack("iIII", 1, mask, 0, len(padded)) + padded

    data = ev(0x80, b"abc") + ev(0x8, b"") + ev(0x4000, b"")
    assert list(parse_events(data)) == [(0x80, "abc"), (0x8, ""), (0x4000, "")]


async def test_watch_exits(tmp_path: Path) -> None:
    exits = tmp_path / "exits"
    old, new1, new2 = (new_container_id() for _ in range(3))
    exits.mkdir()
    (exits / old).write_text("0")
    watcher = watch_exits(exits)
    assert await asyncio.wait_for(anext(watcher), 2) == old  # existing first
    pending = asyncio.ensure_future(anext(watcher))
    await asyncio.sleep(0.01)
    (exits / "not-an-id").write_text("1")
    write_exit(exits / new1, 1)  # rename into place, as conmon does
    assert await asyncio.wait_for(pending, 2) == new1
    (exits / new2).write_text("2")  # plain write (close after write)
    assert await asyncio.wait_for(anext(watcher), 2) == new2
    await watcher.aclose()


async def test_wait_exit_file(tmp_path: Path) -> None:
    target = tmp_path / new_container_id()
    assert not await wait_exit_file(target, 0.05)

    async def later() -> None:
        await asyncio.sleep(0.05)
        write_exit(target, 0)

    task = asyncio.ensure_future(later())
    assert await wait_exit_file(target, 5)
    await task
    assert await wait_exit_file(target, 0)


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
