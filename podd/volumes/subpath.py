"""``subPath`` and ``subPathExpr``: a directory inside a volume, never outside it.

:func:`resolve_subpath` does what the kubelet does before binding a subPath:

1. the path must be relative and free of ``..`` (``subPathExpr`` is expanded
   first: ``$(VAR)`` from the container's environment, ``$$`` → ``$``; an
   unset or empty variable is an error, ``missing value for VAR``);
2. symlinks are resolved, and the result must stay inside the volume
   (``subpath "x" not within volume path "/v"``) — a symlink to elsewhere in
   the volume is fine, one to ``/etc`` is not;
3. missing directories are created (mode of the volume root), one component at
   a time with ``mkdirat`` under ``O_NOFOLLOW`` dir fds, so a symlink swapped
   in meanwhile is not followed;
4. the resolved path is checked again component by component without
   following symlinks, and returned.

What exists there may change after the check (a container can write the
volume): the runtime should bind the returned path at once. For a tmpfs
emptyDir the directories live in the pod's mount namespace: run
``python -m podd.volumes.subpath VOLUME_DIR SUBPATH`` through
``podd-pause --join <pause> --ns user,mnt --``; it prints the resolved path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from podd.volumes.errors import SubPathError

__all__ = ["expand_subpath_expr", "main", "resolve_subpath"]

_MAX_DEPTH = 256


def expand_subpath_expr(expr: str, env: Mapping[str, str]) -> str:
    """Kubernetes' ``$(VAR)`` expansion of a ``subPathExpr``; unset/empty vars are errors."""
    out: list[str] = []
    missing: set[str] = set()
    i, n = 0, len(expr)
    while i < n:
        ch = expr[i]
        if ch != "$" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        nxt = expr[i + 1]
        if nxt == "$":
            out.append("$")
            i += 2
        elif nxt == "(":
            close = expr.find(")", i + 2)
            if close < 0:
                out.append(expr[i:])
                break
            name = expr[i + 2 : close]
            value = env.get(name, "")
            if not value:
                missing.add(name)
            out.append(value)
            i = close + 1
        else:
            out.append("$" + nxt)
            i += 2
    if missing:
        raise SubPathError(f"missing value for {', '.join(sorted(missing))}")
    return "".join(out)


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _components(sub_path: str) -> list[str]:
    if sub_path.startswith("/"):
        raise SubPathError(f"subPath {sub_path!r} must be a relative path")
    parts = [p for p in sub_path.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise SubPathError(f"subPath {sub_path!r} must not contain '..'")
    if len(parts) > _MAX_DEPTH:
        raise SubPathError(f"subPath {sub_path!r} is too deep")
    return parts


def _open_nofollow(parts: list[str], root: str) -> int:
    """A dir fd of ``root/parts...`` opened with no symlink followed on the way."""
    fd = os.open(root, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts:
            nxt = os.open(part, os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = nxt
        return fd
    except BaseException:
        os.close(fd)
        raise


def _existing_prefix(root: str, parts: list[str]) -> int:
    """How many leading components exist (through symlinks)."""
    path = root
    for i, part in enumerate(parts):
        path = os.path.join(path, part)
        if not os.path.lexists(path):
            return i
    return len(parts)


def resolve_subpath(
    volume_dir: str | Path,
    sub_path: str,
    *,
    create: bool = True,
    volume_name: str = "",
) -> Path:
    """The host path of ``sub_path`` inside ``volume_dir`` (see the module docs)."""
    parts = _components(sub_path)
    root = os.path.realpath(volume_dir)
    if not parts:
        return Path(root)
    shown = str(volume_dir)
    escape = SubPathError(f"subpath {sub_path!r} not within volume path {shown!r}")
    escape.volume = volume_name
    have = _existing_prefix(root, parts)
    base = os.path.realpath(os.path.join(root, *parts[:have]))
    if not _within(base, root):
        raise escape
    if have < len(parts):
        if not create:
            raise SubPathError(f"subPath {sub_path!r} does not exist", volume=volume_name)
        rel = [] if base == root else os.path.relpath(base, root).split("/")
        try:
            fd = _open_nofollow(rel, root)
        except OSError as exc:
            raise SubPathError(
                f"cannot open subPath {sub_path!r}: {exc.strerror}", volume=volume_name
            ) from None
        mode = stat.S_IMODE(os.stat(root).st_mode)
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                raise SubPathError(
                    f"subPath {sub_path!r}: {os.path.join(*parts[:have])} is not a directory",
                    volume=volume_name,
                )
            for part in parts[have:]:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, mode, dir_fd=fd)
                nxt = os.open(
                    part, os.O_PATH | os.O_NOFOLLOW | os.O_DIRECTORY | os.O_CLOEXEC, dir_fd=fd
                )
                os.close(fd)
                fd = nxt
                os.chmod(f"/proc/self/fd/{fd}", mode)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise escape from None
            raise SubPathError(
                f"cannot create subPath {sub_path!r}: {exc.strerror}", volume=volume_name
            ) from None
        finally:
            os.close(fd)
    resolved = os.path.realpath(os.path.join(root, *parts))
    if not _within(resolved, root):
        raise escape
    rel = [] if resolved == root else os.path.relpath(resolved, root).split("/")
    try:
        os.close(_open_nofollow(rel, root))
    except OSError:
        raise escape from None
    return Path(resolved)


def main(argv: list[str] | None = None) -> int:
    """``python -m podd.volumes.subpath VOLUME_DIR SUBPATH``: print the resolved path."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m podd.volumes.subpath VOLUME_DIR SUBPATH", file=sys.stderr)
        return 2
    try:
        print(resolve_subpath(args[0], args[1]))
    except SubPathError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
