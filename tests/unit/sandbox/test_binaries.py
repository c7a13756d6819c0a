import os
import stat
from pathlib import Path

import pytest

from podd.sandbox import binaries
from podd.sandbox.errors import BinaryNotFoundError


def _exe(path: Path) -> Path:
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_env_override_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _exe(tmp_path / "my-pause")
    monkeypatch.setenv("PODD_PAUSE", str(exe))
    assert binaries.find_pause() == exe


def test_env_override_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PODD_PAUSE", str(tmp_path / "missing"))
    with pytest.raises(BinaryNotFoundError, match="PODD_PAUSE"):
        binaries.find_pause()


def test_search_order_and_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PODD_PAUSE", raising=False)
    monkeypatch.setattr(binaries, "_PACKAGE_DIR", tmp_path / "pkg")
    monkeypatch.setattr(binaries, "_REPO_DIR", tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(BinaryNotFoundError, match="make -C native/pause"):
        binaries.find_pause()
    (tmp_path / "bin").mkdir()
    on_path = _exe(tmp_path / "bin" / "podd-pause")
    assert binaries.find_pause() == on_path
    (tmp_path / "repo" / "native" / "pause").mkdir(parents=True)
    repo = _exe(tmp_path / "repo" / "native" / "pause" / "podd-pause")
    assert binaries.find_pause() == repo
    (tmp_path / "pkg" / "_bin").mkdir(parents=True)
    packaged = _exe(tmp_path / "pkg" / "_bin" / "podd-pause")
    assert binaries.find_pause() == packaged


def test_find_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BinaryNotFoundError, match="slirp4netns not found"):
        binaries.find_tool("slirp4netns")
    exe = _exe(tmp_path / "slirp4netns")
    assert binaries.find_tool("slirp4netns") == exe
    assert binaries.find_tool("x", str(exe)) == exe
    with pytest.raises(BinaryNotFoundError):
        binaries.find_tool("x", os.devnull)
