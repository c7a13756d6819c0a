"""Image layer directories as overlayfs reads them: files, whiteouts, opaque dirs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


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
