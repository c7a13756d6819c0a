"""Overlay options, mount tables and the rootfs paths of a container."""

from __future__ import annotations

from pathlib import Path

import pytest

from podd.runtime.errors import RootfsError
from podd.runtime.rootfs import mounted_under, overlay_options, rootfs_paths
from podd.runtime.state import PodDirs


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
