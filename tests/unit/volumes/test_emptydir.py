"""emptyDir directories and tmpfs requests; every hostPath type; removal."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Sequence
from pathlib import Path

import pytest

from podd.model.volume import EmptyDirVolumeSource, HostPathVolumeSource, Volume
from podd.volumes.emptydir import (
    memory_size,
    pod_memory_limit,
    removal_plan,
    remove_tree,
    setup_empty_dir,
)
from podd.volumes.errors import (
    HostPathTypeError,
    UnsupportedVolumeError,
    VolumeError,
    VolumeRemovalError,
)
from podd.volumes.hostpath import check_host_path, setup_host_path
from podd.volumes.request import TmpfsMount
from tests.unit.volumes.conftest import make_pod

UID = "6f1c2d3e-0000-4000-8000-000000000001"


def test_disk_empty_dir(tmp_path: Path) -> None:
    vol = Volume(name="cache", empty_dir=EmptyDirVolumeSource(size_limit="1Gi"))
    req = setup_empty_dir(vol, make_pod(vol), tmp_path)
    path = tmp_path / UID / "cache"
    assert req.path == str(path) and req.kind == "emptyDir" and req.tmpfs is None
    assert req.size_limit == 1 << 30 and not req.read_only
    assert stat.S_IMODE(path.stat().st_mode) == 0o777  # despite the umask
    assert stat.S_IMODE((tmp_path / UID).stat().st_mode) == 0o700
    (path / "kept").write_text("x")
    assert setup_empty_dir(vol, make_pod(vol), tmp_path) == req  # idempotent
    assert (path / "kept").read_text() == "x"


def test_memory_empty_dir_sizes(tmp_path: Path) -> None:
    vol = Volume(name="shm", empty_dir=EmptyDirVolumeSource(medium="Memory", size_limit="64Mi"))
    req = setup_empty_dir(vol, make_pod(vol), tmp_path, node_memory=8 << 30)
    assert req.tmpfs == TmpfsMount(size=64 << 20)
    assert req.tmpfs.options() == ["nosuid", "nodev", f"size={64 << 20}", "mode=1777"]
    assert os.path.isdir(req.path)
    # no sizeLimit: the pod's memory limit, else the node's memory
    bare = Volume(name="shm", empty_dir=EmptyDirVolumeSource(medium="Memory"))
    limited = make_pod(bare, limits={"memory": "256Mi"})
    assert setup_empty_dir(bare, limited, tmp_path, node_memory=8 << 30).tmpfs == TmpfsMount(
        size=256 << 20
    )
    assert setup_empty_dir(bare, make_pod(bare), tmp_path, node_memory=1 << 30).tmpfs == (
        TmpfsMount(size=1 << 30)
    )
    assert setup_empty_dir(bare, make_pod(bare), tmp_path).tmpfs == TmpfsMount(size=None)
    assert TmpfsMount().options() == ["nosuid", "nodev", "mode=1777"]
    # a sizeLimit above what the pod may use does not count
    assert memory_size(1 << 40, limited, 8 << 30) == 256 << 20


def test_pod_memory_limit_needs_every_container() -> None:
    assert pod_memory_limit(make_pod(limits={"memory": "1Gi"})) == 1 << 30
    assert pod_memory_limit(make_pod()) is None


def test_empty_dir_bad_input(tmp_path: Path) -> None:
    huge = Volume(name="h", empty_dir=EmptyDirVolumeSource(medium="HugePages"))
    with pytest.raises(UnsupportedVolumeError) as err:
        setup_empty_dir(huge, make_pod(huge), tmp_path)
    assert err.value.volume == "h"
    assert err.value.event_message() == (
        'MountVolume.SetUp failed for volume "h" : emptyDir medium "HugePages" is not '
        "supported by podd"
    )
    bad = Volume(name="b", empty_dir=EmptyDirVolumeSource(size_limit="lots"))
    with pytest.raises(VolumeError):
        setup_empty_dir(bad, make_pod(bad), tmp_path)
    evil = Volume(name="..", empty_dir=EmptyDirVolumeSource())
    with pytest.raises(VolumeError):
        setup_empty_dir(evil, make_pod(evil), tmp_path)


# ----------------------------------------------------------------- hostPath


def test_host_path_unset_type_checks_nothing(tmp_path: Path) -> None:
    check_host_path(str(tmp_path / "missing"), None)
    check_host_path(str(tmp_path / "missing"), "")
    assert not (tmp_path / "missing").exists()


def test_directory_or_create(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    check_host_path(str(target), "DirectoryOrCreate")
    assert target.is_dir() and stat.S_IMODE(target.stat().st_mode) == 0o755
    check_host_path(str(target), "DirectoryOrCreate")  # exists: fine
    (tmp_path / "f").write_text("x")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path(str(tmp_path / "f"), "DirectoryOrCreate")
    assert str(err.value) == f"hostPath type check failed: {tmp_path}/f is not a directory"


def test_directory(tmp_path: Path) -> None:
    check_host_path(str(tmp_path), "Directory")
    for missing in (tmp_path / "nope", tmp_path / "nope" / "deeper"):
        with pytest.raises(HostPathTypeError, match="is not a directory"):
            check_host_path(str(missing), "Directory")
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    check_host_path(str(link), "Directory")  # symlinks are followed


def test_file_or_create(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    check_host_path(str(target), "FileOrCreate")
    assert target.read_bytes() == b"" and stat.S_IMODE(target.stat().st_mode) == 0o644
    check_host_path(str(target), "FileOrCreate")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path(str(tmp_path / "no-dir" / "f"), "FileOrCreate")
    assert str(err.value) == f"open {tmp_path}/no-dir/f: no such file or directory"
    with pytest.raises(HostPathTypeError, match="is not a file"):
        check_host_path(str(tmp_path), "FileOrCreate")


def test_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    check_host_path(str(tmp_path / "f"), "File")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path(str(tmp_path), "File")
    assert str(err.value) == f"hostPath type check failed: {tmp_path} is not a file"
    with pytest.raises(HostPathTypeError, match="is not a file"):
        check_host_path(str(tmp_path / "missing"), "File")


def test_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        check_host_path(str(path), "Socket")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path(str(tmp_path), "Socket")
    assert str(err.value).endswith("is not a socket file")


def test_devices(tmp_path: Path) -> None:
    check_host_path("/dev/null", "CharDevice")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path(str(tmp_path), "CharDevice")
    assert str(err.value).endswith("is not a character device")
    with pytest.raises(HostPathTypeError) as err:
        check_host_path("/dev/null", "BlockDevice")
    assert str(err.value) == "hostPath type check failed: /dev/null is not a block device"
    blocks = (
        [
            f"/dev/{n}"
            for n in sorted(os.listdir("/dev"))
            if stat.S_ISBLK(os.stat(f"/dev/{n}").st_mode)
        ]
        if os.path.isdir("/dev")
        else []
    )
    if blocks:
        check_host_path(blocks[0], "BlockDevice")


def test_invalid_type() -> None:
    with pytest.raises(HostPathTypeError) as err:
        check_host_path("/tmp", "Fifo")
    assert str(err.value) == "Fifo is an invalid volume type"


def test_setup_host_path(tmp_path: Path) -> None:
    vol = Volume(
        name="h", host_path=HostPathVolumeSource(path=f"{tmp_path}/x/", type="DirectoryOrCreate")
    )
    req = setup_host_path(vol)
    assert req.path == f"{tmp_path}/x" and req.kind == "hostPath" and not req.read_only
    bad = Volume(name="h2", host_path=HostPathVolumeSource(path=str(tmp_path), type="File"))
    with pytest.raises(HostPathTypeError) as err:
        setup_host_path(bad)
    assert err.value.volume == "h2"
    with pytest.raises(HostPathTypeError):
        setup_host_path(Volume(name="rel", host_path=HostPathVolumeSource(path="relative")))


# ------------------------------------------------------------------ removal


async def test_remove_tree_from_the_host(tmp_path: Path) -> None:
    root = tmp_path / "pod"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "f").write_text("x")
    os.chmod(root / "a" / "b", 0o500)  # the user's own read-only dir: fixed on the way
    plan = removal_plan(root)
    assert plan.argv == ["rm", "-rf", "--", str(root)]
    await remove_tree(plan)
    assert not root.exists()
    await remove_tree(plan)  # nothing there: fine


async def test_remove_tree_falls_back_to_the_user_namespace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pod"
    (root / "d").mkdir(parents=True)
    (root / "d" / "f").write_text("x")
    calls: list[Sequence[str]] = []

    def refuse(path: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr("podd.volumes.emptydir._rmtree_host", refuse)

    async def run_in_userns(argv: Sequence[str]) -> int:
        calls.append(argv)
        import shutil

        shutil.rmtree(argv[-1])
        return 0

    await remove_tree(removal_plan(root), run_in_userns)
    assert calls == [["rm", "-rf", "--", str(root)]] and not root.exists()

    root.mkdir()
    with pytest.raises(VolumeRemovalError, match="Permission denied"):
        await remove_tree(removal_plan(root))

    async def failing(argv: Sequence[str]) -> int:
        return 1

    with pytest.raises(VolumeRemovalError, match="exited with 1"):
        await remove_tree(removal_plan(root), failing)
