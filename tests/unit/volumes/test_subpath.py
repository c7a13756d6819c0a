"""subPath resolution: created when missing, never outside the volume."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from podd.volumes.errors import SubPathError
from podd.volumes.subpath import expand_subpath_expr, main, resolve_subpath


def test_creates_missing_dirs_with_the_volume_mode(tmp_path: Path) -> None:
    vol = tmp_path / "vol"
    vol.mkdir()
    os.chmod(vol, 0o777)
    got = resolve_subpath(vol, "a/b/c")
    assert got == vol / "a" / "b" / "c" and got.is_dir()
    assert stat.S_IMODE((vol / "a").stat().st_mode) == 0o777
    assert resolve_subpath(vol, "a/b/c") == got  # idempotent
    assert resolve_subpath(vol, "") == vol
    assert resolve_subpath(vol, "./a//b/") == vol / "a" / "b"
    with pytest.raises(SubPathError, match="does not exist"):
        resolve_subpath(vol, "nope", create=False)


def test_existing_file_is_fine(tmp_path: Path) -> None:
    (tmp_path / "app.conf").write_text("x")
    assert resolve_subpath(tmp_path, "app.conf") == tmp_path / "app.conf"
    with pytest.raises(SubPathError, match="is not a directory"):
        resolve_subpath(tmp_path, "app.conf/below")


@pytest.mark.parametrize("bad", ["/etc", "../x", "a/../../x", "a/.."])
def test_rejects_absolute_and_dotdot(tmp_path: Path, bad: str) -> None:
    with pytest.raises(SubPathError):
        resolve_subpath(tmp_path, bad)


def test_symlinks_inside_are_followed_outside_refused(tmp_path: Path) -> None:
    vol = tmp_path / "vol"
    (vol / "..data" / "conf").mkdir(parents=True)
    (vol / "conf").symlink_to("..data/conf")  # how configMap volumes look
    assert resolve_subpath(vol, "conf") == vol / "..data" / "conf"
    outside = tmp_path / "outside"
    outside.mkdir()
    (vol / "escape").symlink_to(outside)
    (vol / "abs").symlink_to("/etc")
    (vol / "up").symlink_to("../outside")
    for name in ("escape", "abs", "up", "escape/new/dir", "up/x"):
        with pytest.raises(SubPathError, match="not within volume path") as err:
            resolve_subpath(vol, name, volume_name="data")
        assert err.value.volume == "data"
    assert os.listdir(outside) == []  # nothing was created outside


def test_subpath_expr_expansion() -> None:
    env = {"POD_NAME": "web-1", "NS": "team"}
    assert expand_subpath_expr("logs/$(POD_NAME)", env) == "logs/web-1"
    assert expand_subpath_expr("$(NS)/$$(POD_NAME)/$x", env) == "team/$(POD_NAME)/$x"
    assert expand_subpath_expr("a/$(unclosed", env) == "a/$(unclosed"
    with pytest.raises(SubPathError, match="missing value for EMPTY, MISSING"):
        expand_subpath_expr("$(MISSING)/$(EMPTY)", {"EMPTY": ""})


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "x/y"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "x" / "y")
    assert main([str(tmp_path), "../x"]) == 1
    assert "must not contain" in capsys.readouterr().err
    assert main([]) == 2
