"""The external programs podd drives, found on PATH, with their versions."""

from __future__ import annotations

import re
import shutil
import subprocess

import msgspec


class Component(msgspec.Struct, omit_defaults=True):
    name: str
    path: str | None = None
    version: str | None = None
    error: str | None = None


_VERSION_ARGS = {
    "runc": ["--version"],
    "crun": ["--version"],
    "conmon": ["--version"],
    "slirp4netns": ["--version"],
    "newuidmap": None,  # no version flag; presence and setuid are what matter
    "newgidmap": None,
}
_VERSION_RE = re.compile(r"(\d+\.\d+(?:\.\d+)?)")


def probe(name: str, args: list[str] | None) -> Component:
    path = shutil.which(name, path="/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
    if path is None:
        return Component(name=name, error="not found")
    if args is None:
        return Component(name=name, path=path)
    try:
        out = subprocess.run(
            [path, *args], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Component(name=name, path=path, error=str(exc))
    m = _VERSION_RE.search(out)
    return Component(name=name, path=path, version=m.group(1) if m else None)


def probe_all() -> list[Component]:
    """Blocking (runs each program once): call from a worker thread."""
    return [probe(name, args) for name, args in _VERSION_ARGS.items()]
