"""Volume mounts: subPath checks and resolution, locked flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.runtime.errors import CreateContainerConfigError
from podd.runtime.mounts import (
    MountRequest,
    VolumeSource,
    check_sub_path,
    locked_flags,
    resolve_mounts,
)
from podd.runtime.ocispec import BindMount

MOUNTINFO = """\
22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 22 0:25 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,mode=755
31 30 0:26 / /run/user/1001 rw,nosuid,nodev,relatime shared:6 - tmpfs tmpfs rw,mode=700
32 22 0:27 / /mnt/with\\040space rw,noexec - tmpfs tmpfs rw
"""


def test_check_sub_path() -> None:
    assert check_sub_path("") == ""
    assert check_sub_path("a/./b//c/") == "a/b/c"
    for bad in ("/abs", "../x", "a/../../b", ".."):
        with pytest.raises(CreateContainerConfigError):
            check_sub_path(bad)


def test_locked_flags() -> None:
    assert locked_flags("/run/user/1001/podd/x", MOUNTINFO) == ["nosuid", "nodev"]
    assert locked_flags("/run/user/10010", MOUNTINFO) == ["nosuid", "nodev"]  # /run's
    assert locked_flags("/home/u", MOUNTINFO) == []
    assert locked_flags("/mnt/with space/f", MOUNTINFO) == ["noexec"]


def test_resolve_mounts(tmp_path: Path) -> None:
    vol = tmp_path / "vol"
    (vol / "conf").mkdir(parents=True)
    (vol / "conf/app.ini").write_text("x")
    os.symlink("conf", vol / "inside")
    os.symlink("/etc", vol / "outside")
    os.symlink("../../", vol / "up")
    ro = tmp_path / "ro"
    ro.mkdir()
    volumes = {"v": VolumeSource(str(vol)), "cm": VolumeSource(str(ro), read_only=True)}
    got = resolve_mounts(
        [
            MountRequest("v", "/data/"),
            MountRequest("v", "/cfg", "conf", read_only=True),
            MountRequest("v", "/app.ini", "conf/app.ini"),
            MountRequest("v", "/new", "made/here"),
            MountRequest("v", "/in", "inside"),
            MountRequest("cm", "/etc/config"),
        ],
        volumes,
        container="c",
    )
    assert got == [
        BindMount("/data", str(vol)),
        BindMount("/cfg", str(vol / "conf"), True),
        BindMount("/app.ini", str(vol / "conf/app.ini")),
        BindMount("/new", str(vol / "made/here")),
        BindMount("/in", str(vol / "conf")),
        BindMount("/etc/config", str(ro), True),
    ]
    assert (vol / "made/here").is_dir()
    for escape in ("outside", "up", "outside/passwd"):
        with pytest.raises(CreateContainerConfigError, match="not within volume path"):
            resolve_mounts([MountRequest("v", "/x", escape)], volumes, container="c")
    with pytest.raises(
        CreateContainerConfigError, match='cannot find volume "nope" to mount into container "c"'
    ):
        resolve_mounts([MountRequest("nope", "/x")], volumes, container="c")
    with pytest.raises(CreateContainerConfigError, match="must be absolute"):
        resolve_mounts([MountRequest("v", "rel")], volumes)
    with pytest.raises(CreateContainerConfigError, match="volume not prepared"):
        resolve_mounts([MountRequest("x", "/x")], {"x": VolumeSource(str(tmp_path / "missing"))})


def test_resolve_mounts_adds_locked_flags(tmp_path: Path) -> None:
    info = f"22 1 0:1 / {tmp_path} rw,nosuid - tmpfs tmpfs rw\n"
    got = resolve_mounts(
        [MountRequest("v", "/v")], {"v": VolumeSource(str(tmp_path))}, mountinfo=info
    )
    assert got[0].flags == ["nosuid"]
