"""hostPath volumes: every type check, and the mount request."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from podd.model.volume import HostPathVolumeSource, Volume
from podd.volumes.errors import HostPathTypeError
from podd.volumes.hostpath import check_host_path, setup_host_path


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
