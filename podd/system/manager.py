"""The user's service manager, through ``systemctl --user``.

``podd system uninstall`` disables and stops podd's units before it removes
their files: a unit whose file is gone is forgotten by systemd once it is
inactive, and ``systemctl disable`` then fails on it. It touches a unit only
when the manager loaded it from the very file podd wrote (``FragmentPath``):
a podd.service of another HOME or of the user's own making is left alone.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import msgspec

TIMEOUT = 90.0  # a stop waits for podd's graceful shutdown


class Outcome(msgspec.Struct, frozen=True):
    ok: bool
    message: str = ""  # what systemctl said on stderr (or why it could not run)
    stdout: str = ""


def systemctl(*args: str, executable: str | None = None) -> Outcome:
    exe = executable or shutil.which("systemctl")
    if exe is None:
        return Outcome(False, "systemctl is not installed")
    try:
        done = subprocess.run(
            [exe, "--user", *args], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Outcome(False, str(exc))
    return Outcome(done.returncode == 0, done.stderr.strip(), done.stdout)


def loaded_from(unit: str, executable: str | None = None) -> str | None:
    """The file the manager has ``unit`` from; None when it cannot be asked."""
    out = systemctl("show", "--property=FragmentPath", "--value", unit, executable=executable)
    return out.stdout.strip() if out.ok else None


def ours(unit_dir: Path, names: list[str], executable: str | None = None) -> list[str]:
    """Those of ``names`` the user manager has from the files in ``unit_dir``."""
    return [n for n in names if loaded_from(n, executable) == str(unit_dir / n)]


def disable_now(names: list[str], executable: str | None = None) -> Outcome:
    """Disable and stop ``names`` (the socket first, so nothing restarts podd)."""
    ordered = sorted(names, key=lambda n: not n.endswith(".socket"))
    return systemctl("disable", "--now", *ordered, executable=executable)


def daemon_reload(executable: str | None = None) -> Outcome:
    return systemctl("daemon-reload", executable=executable)
