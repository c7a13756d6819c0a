"""Copy-mode rootfs builder, run inside the pods' user namespace::

    podd-pause --join <pid> --ns user -- python -m podd.runtime.rootfs_helper \
        copy DEST LAYER...          (layers bottom first)

Used where the kernel refuses overlayfs in a user namespace: the layers are
merged into DEST as overlayfs would show them — whiteouts (``c 0 0``)
delete, opaque directories (``user.overlay.opaque``/``trusted.overlay.opaque``
= ``y``) hide what lower layers had there — keeping modes, owners (as root in
the user namespace), times and other extended attributes. Device nodes other
than whiteouts are skipped (the runtime provides /dev).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
from pathlib import Path

_OPAQUE = ("user.overlay.opaque", "trusted.overlay.opaque")
_SKIP_XATTR_PREFIXES = ("user.overlay.", "trusted.overlay.")


def _is_whiteout(st: os.stat_result) -> bool:
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


def _is_opaque(path: Path) -> bool:
    for name in _OPAQUE:
        with contextlib.suppress(OSError):
            if os.getxattr(path, name, follow_symlinks=False) == b"y":
                return True
    return False


def _remove(path: Path) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def _copy_meta(src: Path, dst: Path, st: os.stat_result) -> None:
    with contextlib.suppress(OSError):
        os.lchown(dst, st.st_uid, st.st_gid)
    if not stat.S_ISLNK(st.st_mode):
        os.chmod(dst, stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            for name in os.listxattr(src, follow_symlinks=False):
                if not name.startswith(_SKIP_XATTR_PREFIXES):
                    value = os.getxattr(src, name, follow_symlinks=False)
                    os.setxattr(dst, name, value, follow_symlinks=False)
    with contextlib.suppress(OSError):
        os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)


def _copy_entry(src: Path, dst: Path, st: os.stat_result) -> bool:
    """Copy one non-directory entry; False when skipped."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        _remove(dst)
        shutil.copyfile(src, dst, follow_symlinks=False)
    elif stat.S_ISLNK(mode):
        _remove(dst)
        os.symlink(os.readlink(src), dst)
    elif stat.S_ISFIFO(mode):
        _remove(dst)
        os.mkfifo(dst)
    else:  # sockets, devices: not part of a rootfs
        return False
    _copy_meta(src, dst, st)
    return True


def merge_layer(layer: Path, dest: Path) -> None:
    """Apply one layer directory on top of ``dest``."""
    dirs: list[tuple[Path, Path, os.stat_result]] = []
    for dirpath, dirnames, filenames in os.walk(layer):
        here = Path(dirpath)
        target = dest / here.relative_to(layer)
        keep: list[str] = []
        for name in sorted(dirnames + filenames):
            src, dst = here / name, target / name
            st = src.lstat()
            if _is_whiteout(st):
                _remove(dst)
            elif stat.S_ISDIR(st.st_mode):
                if _is_opaque(src) or (dst.is_symlink() or (dst.exists() and not dst.is_dir())):
                    _remove(dst)
                dst.mkdir(exist_ok=True)
                dirs.append((src, dst, st))
                keep.append(name)
            else:
                _copy_entry(src, dst, st)
        dirnames[:] = [d for d in dirnames if d in keep]
    for src, dst, st in reversed(dirs):  # times last, deepest first
        _copy_meta(src, dst, st)


def copy_layers(dest: Path, layers: list[Path]) -> None:
    """Merge ``layers`` (bottom first) into a new ``dest``."""
    dest.mkdir(mode=0o755)
    if layers:
        top = layers[-1].lstat()
        _copy_meta(layers[-1], dest, top)
    for layer in layers:
        merge_layer(layer, dest)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "copy":
        print("usage: rootfs_helper copy DEST LAYER...", file=sys.stderr)
        return 2
    try:
        copy_layers(Path(argv[1]), [Path(a) for a in argv[2:]])
    except OSError as exc:
        print(f"rootfs_helper: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
