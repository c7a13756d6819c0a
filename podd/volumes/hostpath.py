"""hostPath: a host file or directory, checked against its ``type`` as the kubelet does.

==================  =========================================================
type                check
==================  =========================================================
"" (unset)          none (the runtime fails if the path does not exist)
DirectoryOrCreate   created (mode 0755, parents too) when missing, then Directory
Directory           must exist and be a directory
FileOrCreate        created empty (mode 0644) when missing — its directory must
                    exist — then File
File                must exist and be a regular file
Socket              must be a unix socket
CharDevice          must be a character device
BlockDevice         must be a block device
==================  =========================================================

Symlinks are followed, as Go's ``os.Stat`` does. The errors carry the
kubelet's texts (``hostPath type check failed: /x is not a directory``).
``readOnly`` lives on each ``volumeMounts`` entry; the request is writable.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat

from podd.model.volume import Volume
from podd.volumes.errors import HostPathTypeError
from podd.volumes.request import MountRequest

__all__ = ["HOST_PATH_TYPES", "check_host_path", "setup_host_path"]

HOST_PATH_TYPES = (
    "",
    "DirectoryOrCreate",
    "Directory",
    "FileOrCreate",
    "File",
    "Socket",
    "CharDevice",
    "BlockDevice",
)

_IS = {
    "Directory": (stat.S_ISDIR, "a directory"),
    "File": (stat.S_ISREG, "a file"),
    "Socket": (stat.S_ISSOCK, "a socket file"),
    "CharDevice": (stat.S_ISCHR, "a character device"),
    "BlockDevice": (stat.S_ISBLK, "a block device"),
}


def _mode(path: str) -> int | None:
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def _go_error(op: str, path: str, exc: OSError) -> str:
    text = os.strerror(exc.errno) if exc.errno else str(exc)
    return f"{op} {path}: {text[:1].lower()}{text[1:]}"


def _make_dir(path: str) -> None:
    try:
        os.makedirs(path, mode=0o755)
    except FileExistsError:
        return
    except OSError as exc:
        raise HostPathTypeError(_go_error("mkdir", path, exc)) from None
    os.chmod(path, 0o755)


def _make_file(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    except FileExistsError:
        return
    except OSError as exc:
        raise HostPathTypeError(_go_error("open", path, exc)) from None
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o644)
    os.close(fd)


def check_host_path(path: str, type_: str | None) -> None:
    """The kubelet's ``checkType``; creates what the ``*OrCreate`` types ask for."""
    kind = type_ or ""
    if kind == "":
        return
    if kind not in HOST_PATH_TYPES:
        raise HostPathTypeError(f"{kind} is an invalid volume type")
    if kind == "DirectoryOrCreate":
        if _mode(path) is None:
            _make_dir(path)
            return
        kind = "Directory"
    elif kind == "FileOrCreate":
        if _mode(path) is None and not os.path.islink(path):
            _make_file(path)
            return
        kind = "File"
    test, what = _IS[kind]
    mode = _mode(path)
    if mode is None or not test(mode):
        raise HostPathTypeError(f"hostPath type check failed: {path} is not {what}")


def setup_host_path(volume: Volume) -> MountRequest:
    src = volume.host_path
    assert src is not None
    path = os.path.normpath(src.path)
    if not os.path.isabs(path):
        raise HostPathTypeError(
            f"hostPath {src.path!r} must be an absolute path", volume=volume.name
        )
    try:
        check_host_path(path, src.type)
    except HostPathTypeError as exc:
        exc.volume = volume.name
        raise
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise HostPathTypeError(_go_error("stat", path, exc), volume=volume.name) from None
        raise
    return MountRequest(volume=volume.name, kind="hostPath", path=path)
