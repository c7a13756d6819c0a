"""Reading and merging image layers as overlayfs shows them: /etc/passwd
lookup through whiteouts and opaque dirs, the copy-mode rootfs helper."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from podd.runtime.rootfs_helper import copy_layers, main
from podd.runtime.users import (
    GroupEntry,
    PasswdEntry,
    find_in_layers,
    parse_group,
    parse_passwd,
    read_image_users,
)


def whiteout(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o000, os.makedev(0, 0))
    except PermissionError:
        pytest.skip("mknod of a whiteout needs CAP_MKNOD (run as root or in a user namespace)")


def opaque(path: Path) -> None:
    try:
        os.setxattr(path, "user.overlay.opaque", b"y")
    except OSError as exc:
        pytest.skip(f"user xattrs unsupported here: {exc}")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_parse_passwd_and_group() -> None:
    assert parse_passwd("root:x:0:0:root:/root:/bin/sh\n#c\nbad\nx:x:a:1\napp:x:101:102\n") == [
        PasswdEntry("root", 0, 0, "/root"),
        PasswdEntry("app", 101, 102, ""),
    ]
    assert parse_group("root:x:0:\nwww:x:33:app,web\nbad:x:z:\nnm:x:5\n") == [
        GroupEntry("root", 0, []),
        GroupEntry("www", 33, ["app", "web"]),
        GroupEntry("nm", 5, []),
    ]


def test_find_in_layers_top_first(tmp_path: Path) -> None:
    low, high = tmp_path / "low", tmp_path / "high"
    write(low / "etc/passwd", "root:x:0:0::/:/bin/sh\n")
    (high / "etc").mkdir(parents=True)
    assert find_in_layers([high, low], "etc/passwd") == low / "etc/passwd"
    write(high / "etc/passwd", "app:x:5:5::/:/bin/sh\n")
    assert find_in_layers([high, low], "/etc/passwd") == high / "etc/passwd"
    assert read_image_users([high, low]).passwd == [PasswdEntry("app", 5, 5, "/")]
    assert find_in_layers([high, low], "etc/group") is None
    assert read_image_users([tmp_path / "nothing"]).passwd == []


def test_find_in_layers_whiteouts(tmp_path: Path) -> None:
    low, high = tmp_path / "low", tmp_path / "high"
    write(low / "etc/passwd", "root:x:0:0::/:/bin/sh\n")
    (high / "etc").mkdir(parents=True)
    whiteout(high / "etc/passwd")
    assert find_in_layers([high, low], "etc/passwd") is None
    (high / "etc/passwd").unlink()
    (high / "etc").rmdir()
    whiteout(high / "etc")  # the whole directory deleted
    assert find_in_layers([high, low], "etc/passwd") is None


def test_find_in_layers_opaque(tmp_path: Path) -> None:
    low, high = tmp_path / "low", tmp_path / "high"
    write(low / "etc/passwd", "root:x:0:0::/:/bin/sh\n")
    (high / "etc").mkdir(parents=True)
    opaque(high / "etc")
    assert find_in_layers([high, low], "etc/passwd") is None


def test_copy_layers_merges_like_overlay(tmp_path: Path) -> None:
    l1, l2, l3 = tmp_path / "l1", tmp_path / "l2", tmp_path / "l3"
    write(l1 / "bin/tool", "v1")
    write(l1 / "etc/keep", "keep")
    write(l1 / "etc/gone", "gone")
    write(l1 / "opq/old", "old")
    os.symlink("tool", l1 / "bin/link")
    os.chmod(l1 / "bin/tool", 0o755)
    write(l2 / "bin/tool", "v2")
    os.chmod(l2 / "bin/tool", 0o700)
    write(l2 / "opq/new", "new")
    opaque(l2 / "opq")
    write(l3 / "etc/added", "added")
    whiteout(l3 / "etc/gone")
    dest = tmp_path / "rootfs"
    copy_layers(dest, [l1, l2, l3])
    assert (dest / "bin/tool").read_text() == "v2"
    assert stat.S_IMODE((dest / "bin/tool").stat().st_mode) == 0o700
    assert os.readlink(dest / "bin/link") == "tool"
    assert sorted(os.listdir(dest / "etc")) == ["added", "keep"]
    assert os.listdir(dest / "opq") == ["new"]
    assert stat.S_IMODE(dest.stat().st_mode) == stat.S_IMODE(l3.stat().st_mode)
    with pytest.raises(OSError):
        os.getxattr(dest / "opq", "user.overlay.opaque")


def test_helper_command_line(tmp_path: Path) -> None:
    write(tmp_path / "l/a", "a")
    assert main(["copy", str(tmp_path / "out"), str(tmp_path / "l")]) == 0
    assert (tmp_path / "out/a").read_text() == "a"
    assert main(["copy", str(tmp_path / "out"), str(tmp_path / "l")]) == 1  # exists
    assert main(["nope"]) == 2
