"""Layer extraction: formats, metadata, whiteouts and tar safety (no namespaces)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from podd.images.errors import DiffIDMismatchError, TarSafetyError
from podd.images.unpack import extract_layer, remove_tree
from podd.images.unpack_helper import ExtractJob, install_layer, report_path
from tests.support import oci_build as ob

ROOT = os.geteuid() == 0


def blob(tmp: Path, entries: list[ob.Entry], compression: str = "gzip") -> tuple[Path, str]:
    layer = ob.make_layer(entries, compression)
    p = tmp / f"blob-{layer.blob.digest[7:19]}"
    p.write_bytes(layer.blob.data)
    return p, layer.diff_id


@pytest.mark.parametrize("compression", ["gzip", "zstd", "none"])
def test_formats_and_metadata(tmp_path: Path, compression: str) -> None:
    entries = [
        ob.directory("d", mode=0o750),
        ob.file("d/f", "data", mode=0o4755),
        ob.file("d/x", "x", xattrs={"user.podd": "yes", "user.overlay.redirect": "/etc"}),
        ob.symlink("d/l", "/etc/passwd"),
        ob.hardlink("d/h", "d/f"),
        ob.fifo("d/p"),
        ob.file("implicit/parent/file", "p"),
    ]
    path, diff_id = blob(tmp_path, entries, compression)
    dest = tmp_path / "layer"
    rep = extract_layer(path, "", dest, diff_id)
    assert rep.diff_id == diff_id and rep.compression == compression and rep.entries == 7
    d = dest / "d"
    assert stat.S_IMODE(d.stat().st_mode) == 0o750
    assert d.stat().st_mtime == ob.MTIME  # applied after its children were made
    assert (d / "f").read_text() == "data"
    assert stat.S_IMODE((d / "f").stat().st_mode) == 0o4755
    assert (d / "f").stat().st_mtime == ob.MTIME
    assert os.readlink(d / "l") == "/etc/passwd"
    assert os.lstat(d / "l").st_mtime == ob.MTIME
    assert (d / "h").stat().st_ino == (d / "f").stat().st_ino
    assert stat.S_ISFIFO((d / "p").lstat().st_mode)
    assert os.getxattr(d / "x", "user.podd") == b"yes"
    assert "user.overlay.redirect" not in os.listxattr(d / "x")
    assert any("dropped overlay xattr" in n for n in rep.notes)
    assert stat.S_IMODE((dest / "implicit/parent").stat().st_mode) == 0o755


def test_ownership_note_when_not_root(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [ob.file("a", "1", uid=101, gid=101), ob.file("b", "2")])
    rep = extract_layer(path, "", tmp_path / "l", diff_id)
    if ROOT:
        assert (tmp_path / "l/a").stat().st_uid == 101
    else:
        assert rep.unowned == 1
        assert any("ownership not set" in n and "first: a" in n for n in rep.notes)


def test_whiteouts(tmp_path: Path) -> None:
    entries = [
        ob.whiteout("gone"),
        ob.directory("o"),
        ob.opaque("o"),
        ob.file("o/new", "n"),
        ob.opaque("implicit"),
    ]
    path, diff_id = blob(tmp_path, entries)
    dest = tmp_path / "l"
    rep = extract_layer(path, "", dest, diff_id)
    assert rep.opaque_dirs == 2
    assert os.getxattr(dest / "o", "user.overlay.opaque") == b"y"
    assert os.getxattr(dest / "implicit", "user.overlay.opaque") == b"y"
    assert not (dest / "o/.wh..wh..opq").exists()
    assert not (dest / ".wh.gone").exists()
    # Linux >= 5.8 lets anyone make the 0:0 whiteout device; older kernels need root
    if rep.whiteouts == 1:
        st = (dest / "gone").lstat()
        assert stat.S_ISCHR(st.st_mode) and st.st_rdev == 0
    else:
        assert not ROOT
        assert any("whiteout gone not created" in n for n in rep.notes)


def test_whiteout_of_an_entry_of_the_same_layer(tmp_path: Path) -> None:
    # the OCI spec: a whiteout hides the lower layers' entry, not this layer's
    entries = [ob.file("f", "kept"), ob.whiteout("f"), ob.directory("d"), ob.whiteout("d")]
    path, diff_id = blob(tmp_path, entries)
    dest = tmp_path / "l"
    extract_layer(path, "", dest, diff_id)
    assert (dest / "f").read_text() == "kept"
    assert os.getxattr(dest / "d", "user.overlay.opaque") == b"y"


def test_device_nodes_skipped(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [ob.chardev("dev/null", 1, 3), ob.file("ok", "1")])
    rep = extract_layer(path, "", tmp_path / "l", diff_id)
    assert rep.skipped_devices == 1
    assert not (tmp_path / "l/dev/null").exists()
    assert "skipped device node dev/null (c 1:3)" in rep.notes


def test_replacements_within_a_layer(tmp_path: Path) -> None:
    entries = [
        ob.directory("a"),
        ob.file("a/inner", "1"),
        ob.symlink("a", "elsewhere"),  # a symlink replaces a directory
        ob.symlink("b", "x"),
        ob.file("b", "file over symlink"),
        ob.directory("c", mode=0o700),
        ob.directory("c", mode=0o711),  # a directory entry again: metadata updated
    ]
    path, diff_id = blob(tmp_path, entries)
    dest = tmp_path / "l"
    extract_layer(path, "", dest, diff_id)
    assert os.readlink(dest / "a") == "elsewhere"
    assert (dest / "b").read_text() == "file over symlink" and not (dest / "b").is_symlink()
    assert stat.S_IMODE((dest / "c").stat().st_mode) == 0o711


def test_empty_layer(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [])
    rep = extract_layer(path, "", tmp_path / "l", diff_id)
    assert rep.entries == 0 and list((tmp_path / "l").iterdir()) == []


UNSAFE = [
    ("dotdot", [ob.file("../escape", "x")], "'..'"),
    ("dotdot-inner", [ob.file("a/../../escape", "x")], "'..'"),
    ("absolute", [ob.file("/abs", "x")], "absolute"),
    ("through-symlink", [ob.symlink("evil", "/tmp"), ob.file("evil/pwned", "x")], "symlink"),
    (
        "through-inner-symlink",
        [ob.directory("bin"), ob.symlink("lnk", "bin"), ob.file("lnk/x", "x")],
        "symlink",
    ),
    ("dir-through-symlink", [ob.symlink("evil", ".."), ob.directory("evil/d")], "symlink"),
    ("whiteout-through-symlink", [ob.symlink("evil", "/tmp"), ob.whiteout("evil/x")], "symlink"),
    ("opaque-through-symlink", [ob.symlink("evil", "/tmp"), ob.opaque("evil")], "symlink"),
    ("hardlink-dotdot", [ob.hardlink("h", "../../etc/passwd")], "'..'"),
    ("hardlink-absolute", [ob.hardlink("h", "/etc/passwd")], "absolute"),
    ("hardlink-missing", [ob.hardlink("h", "etc/passwd")], "not in this layer"),
    (
        "hardlink-via-symlink",
        [ob.symlink("evil", "/etc"), ob.hardlink("h", "evil/passwd")],
        "symlink",
    ),
    ("hardlink-to-dir", [ob.directory("d"), ob.hardlink("h", "d")], "directory"),
]


@pytest.mark.parametrize(("name", "entries", "why"), UNSAFE, ids=[u[0] for u in UNSAFE])
def test_tar_safety(tmp_path: Path, name: str, entries: list[ob.Entry], why: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    path, diff_id = blob(tmp_path, entries)
    dest = work / "layer"
    with pytest.raises(TarSafetyError, match=why):
        extract_layer(path, "", dest, diff_id)
    assert not dest.exists(), "a failed extraction leaves nothing"
    after = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("blob-"))
    assert after == before
    assert not Path("/tmp/pwned").exists()


def test_diff_id_mismatch_leaves_nothing(tmp_path: Path) -> None:
    path, _ = blob(tmp_path, [ob.file("a", "1")])
    dest = tmp_path / "l"
    with pytest.raises(DiffIDMismatchError) as e:
        extract_layer(path, "", dest, "sha256:" + "0" * 64)
    assert e.value.expected == "sha256:" + "0" * 64
    assert not dest.exists()


def test_corrupt_stream(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [ob.file("a", "1" * 10000)])
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(Exception, match=r"corrupt|malformed|truncated|not a tar"):
        extract_layer(path, "", tmp_path / "l", diff_id)
    assert not (tmp_path / "l").exists()


def test_install_layer_is_atomic_and_idempotent(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [ob.directory("ro", mode=0o555), ob.file("ro/f", "x")])
    layers = tmp_path / "layers"
    layers.mkdir()
    dest = layers / diff_id[7:]
    rep = install_layer(ExtractJob(blob=str(path), dest=str(dest), diff_id=diff_id, sync=False))
    assert (dest / "ro/f").read_text() == "x"
    assert json.loads(report_path(dest).read_bytes())["diff_id"] == diff_id
    again = install_layer(ExtractJob(blob=str(path), dest=str(dest), diff_id=diff_id, sync=True))
    assert again == rep
    assert sorted(p.name for p in layers.iterdir()) == [dest.name, dest.name + ".json"]
    remove_tree(dest)  # read-only directories inside
    assert not dest.exists()


def test_helper_cli(tmp_path: Path) -> None:
    path, diff_id = blob(tmp_path, [ob.file("a", "1")])
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    cmd = [
        sys.executable,
        "-m",
        "podd.images.unpack_helper",
        "extract",
        "--blob",
        str(path),
        "--dest",
        str(tmp_path / "l"),
        "--diff-id",
        diff_id,
        "--no-sync",
    ]
    out = subprocess.run(cmd, capture_output=True, env=env, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["ok"] and result["report"]["diff_id"] == diff_id
    cmd[cmd.index("--dest") + 1] = str(tmp_path / "m")
    cmd[cmd.index("--diff-id") + 1] = "sha256:" + "1" * 64
    out = subprocess.run(cmd, capture_output=True, env=env, timeout=60, check=False)
    assert out.returncode == 1
    assert json.loads(out.stdout)["reason"] == "DiffIDMismatch"
    assert not (tmp_path / "m").exists()
