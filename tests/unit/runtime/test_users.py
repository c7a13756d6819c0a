"""/etc/passwd and /etc/group of an image, looked up through its layers as
overlayfs shows them (whiteouts, opaque dirs)."""

from __future__ import annotations

from pathlib import Path

from podd.runtime.users import (
    GroupEntry,
    PasswdEntry,
    find_in_layers,
    parse_group,
    parse_passwd,
    read_image_users,
)
from tests.unit.runtime.layers import opaque, whiteout, write


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
