"""AtomicWriter: the ..data symlink swap, as the kubelet lays out projected volumes."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from podd.volumes.atomic_writer import DATA_DIR, AtomicWriter, FileProjection
from podd.volumes.errors import ProjectionError

TS = re.compile(r"\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{9}")


def test_first_write_layout(tmp_path: Path) -> None:
    writer = AtomicWriter(tmp_path)
    changed = writer.write(
        {
            "a": FileProjection(b"A", 0o644),
            "conf/app.yaml": FileProjection(b"x: 1", 0o600),
        }
    )
    assert changed
    data = os.readlink(tmp_path / DATA_DIR)
    assert TS.fullmatch(data)
    assert os.readlink(tmp_path / "a") == "..data/a"
    assert os.readlink(tmp_path / "conf") == "..data/conf"
    assert (tmp_path / "a").read_bytes() == b"A"
    assert (tmp_path / "conf" / "app.yaml").read_bytes() == b"x: 1"
    assert stat.S_IMODE((tmp_path / data / "a").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / data / "conf" / "app.yaml").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / data).stat().st_mode) == 0o755
    assert sorted(os.listdir(tmp_path)) == sorted([DATA_DIR, data, "a", "conf"])
    assert writer.read() == {
        "a": FileProjection(b"A", 0o644),
        "conf/app.yaml": FileProjection(b"x: 1", 0o600),
    }


def test_unchanged_payload_is_not_rewritten(tmp_path: Path) -> None:
    writer = AtomicWriter(tmp_path)
    payload = {"a": FileProjection(b"A", 0o644)}
    assert writer.write(payload)
    before = os.readlink(tmp_path / DATA_DIR)
    (tmp_path / "a").unlink()  # a user-visible link lost: recreated, no new version
    assert not writer.write(payload)
    assert os.readlink(tmp_path / DATA_DIR) == before and (tmp_path / "a").read_bytes() == b"A"
    assert writer.write({"a": FileProjection(b"A", 0o600)})  # a mode change is a change


def test_update_swaps_atomically(tmp_path: Path) -> None:
    writer = AtomicWriter(tmp_path)
    writer.write({"keep": (b"1", 0o644), "gone": (b"old", 0o644), "dir/x": (b"x", 0o644)})
    old = os.readlink(tmp_path / DATA_DIR)
    held = open(tmp_path / "keep", "rb")  # noqa: SIM115 - a reader of the old version
    try:
        pending = writer.prepare({"keep": (b"2", 0o644), "new": (b"n", 0o644)})
        assert pending is not None
        # written aside: the old version is still the visible one, whole
        assert (tmp_path / "keep").read_bytes() == b"1"
        assert (tmp_path / "gone").read_bytes() == b"old"
        assert not os.path.lexists(tmp_path / "new")
        assert (tmp_path / pending.ts_dir / "keep").read_bytes() == b"2"
        writer.commit(pending)
        assert os.readlink(tmp_path / DATA_DIR) == pending.ts_dir != old
        assert (tmp_path / "keep").read_bytes() == b"2"
        assert (tmp_path / "new").read_bytes() == b"n"
        assert not os.path.lexists(tmp_path / "gone")
        assert not os.path.lexists(tmp_path / "dir")
        assert not (tmp_path / old).exists()
        assert not os.path.lexists(tmp_path / "..data_tmp")
        assert held.read() == b"1"  # the old file stays readable for its reader
    finally:
        held.close()
    assert sorted(os.listdir(tmp_path)) == sorted([DATA_DIR, pending.ts_dir, "keep", "new"])


def test_removing_every_key(tmp_path: Path) -> None:
    writer = AtomicWriter(tmp_path)
    writer.write({"a": (b"1", 0o644)})
    assert writer.write({})
    assert sorted(p for p in os.listdir(tmp_path) if not p.startswith("..")) == []
    assert writer.read() == {}


@pytest.mark.parametrize(
    "path,message",
    [
        ("", "must not be empty"),
        ("/abs", "must be relative path"),
        ("a/../../b", "must not contain '..'"),
        ("..hidden", "must not start with '..'"),
        ("x" * 256, "filenames must be less than or equal to 255"),
        ("a/" * 2049, "must be less than or equal to 4096"),
    ],
)
def test_invalid_paths(tmp_path: Path, path: str, message: str) -> None:
    with pytest.raises(ProjectionError, match=re.escape(message)):
        AtomicWriter(tmp_path).write({path: (b"", 0o644)})
    assert os.listdir(tmp_path) == []


def test_file_and_dir_conflict_and_foreign_entries(tmp_path: Path) -> None:
    with pytest.raises(ProjectionError, match="both a file and a directory"):
        AtomicWriter(tmp_path).write({"a": (b"", 0o644), "a/b": (b"", 0o644)})
    (tmp_path / "own").write_text("not ours")
    with pytest.raises(ProjectionError, match="non-symlink is in the way"):
        AtomicWriter(tmp_path).write({"own": (b"", 0o644)})
    assert (tmp_path / "own").read_text() == "not ours"
