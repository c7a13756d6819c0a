"""The copy-mode rootfs helper: layers merged into one directory as overlayfs would."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from podd.runtime.rootfs_helper import copy_layers, main
from tests.unit.runtime.layers import opaque, whiteout, write


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
