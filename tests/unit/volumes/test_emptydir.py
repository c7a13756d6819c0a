"""emptyDir directories and tmpfs requests; removal of a pod's volume tree."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

import pytest

from podd.model.volume import EmptyDirVolumeSource, Volume
from podd.volumes.emptydir import (
    memory_size,
    pod_memory_limit,
    removal_plan,
    remove_tree,
    setup_empty_dir,
)
from podd.volumes.errors import (
    UnsupportedVolumeError,
    VolumeError,
    VolumeRemovalError,
)
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
