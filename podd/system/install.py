"""Writing and removing podd's user units in ``$XDG_CONFIG_HOME/systemd/user``.

Only files that carry :data:`~podd.system.units.MARKER` are podd's: install
overwrites a foreign unit of the same name only when forced, uninstall never
removes one. Neither starts nor stops anything: the user runs the printed
``systemctl`` command. The plans are pure; :func:`apply` does the writing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import msgspec

from podd.atomicfile import write_atomic
from podd.system.units import MARKER, SERVICE, SOCKET


class InstallError(Exception):
    """The units cannot be written or removed; the message says why."""


class Plan(msgspec.Struct, frozen=True):
    """Files to write (name → content) and to remove, in ``unit_dir``."""

    unit_dir: str
    write: dict[str, str] = {}
    remove: list[str] = []
    kept: list[str] = []  # foreign units left alone (uninstall)


def unit_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the user manager reads the user's own units."""
    env = os.environ if environ is None else environ
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(config) / "systemd" / "user"


def podd_command(
    argv0: str | None = None, executable: str | None = None, path: str | None = None
) -> list[str]:
    """The absolute command of the podd in use: the ``podd`` script being
    run, else the one beside this interpreter (a venv's bin/), else the one
    on PATH, else this interpreter with ``-m``. Symlinks are kept: a venv's
    interpreter only finds its packages through its own path."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    if Path(argv0).name == "podd" and os.access(argv0, os.X_OK):
        return [os.path.abspath(argv0)]
    beside = Path(executable).parent / "podd"
    if os.access(beside, os.X_OK):
        return [os.path.abspath(beside)]
    found = shutil.which("podd", path=path)
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(executable), "-m", "podd.cli.main"]


def _existing(directory: Path, names: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = (directory / name).read_text()
        except FileNotFoundError:
            out[name] = None
        except OSError as exc:
            raise InstallError(f"{directory / name}: {exc.strerror}") from None
    return out


def is_ours(content: str | None) -> bool:
    return content is not None and content.startswith(MARKER)


def plan_install(
    directory: str, units: dict[str, str], existing: Mapping[str, str | None], force: bool = False
) -> Plan:
    """Write ``units``; a unit of ours the new set lacks (podd.socket after an
    install without socket activation) is removed, so none goes stale."""
    foreign = [n for n in units if existing.get(n) is not None and not is_ours(existing.get(n))]
    if foreign and not force:
        names = ", ".join(str(Path(directory) / n) for n in foreign)
        raise InstallError(f"{names} exists and was not written by podd: use --force to replace it")
    stale = [n for n in (SERVICE, SOCKET) if n not in units and is_ours(existing.get(n))]
    return Plan(directory, write=dict(units), remove=stale)


def plan_uninstall(directory: str, existing: Mapping[str, str | None]) -> Plan:
    remove = [n for n in (SERVICE, SOCKET) if is_ours(existing.get(n))]
    kept = [n for n in (SERVICE, SOCKET) if existing.get(n) is not None and n not in remove]
    return Plan(directory, remove=remove, kept=kept)


def install_plan(units: dict[str, str], force: bool = False, directory: Path | None = None) -> Plan:
    directory = unit_dir() if directory is None else directory
    return plan_install(str(directory), units, _existing(directory, [SERVICE, SOCKET]), force)


def enablement_links(directory: Path, names: list[str]) -> list[str]:
    """The links ``systemctl enable`` made to these units' files
    (``default.target.wants/podd.service`` ...), relative to ``directory``."""
    found: list[str] = []
    for sub in sorted([*directory.glob("*.wants"), *directory.glob("*.requires")]):
        for name in names:
            link = sub / name
            if not link.is_symlink():
                continue
            target = Path(os.path.normpath(link.parent / os.readlink(link)))
            if target == directory / name:
                found.append(str(link.relative_to(directory)))
    return found


def uninstall_plan(directory: Path | None = None) -> Plan:
    """Our units, and the links that enabled them (dangling once they go)."""
    directory = unit_dir() if directory is None else directory
    plan = plan_uninstall(str(directory), _existing(directory, [SERVICE, SOCKET]))
    links = enablement_links(directory, plan.remove)
    return Plan(plan.unit_dir, remove=[*plan.remove, *links], kept=plan.kept)


def apply(plan: Plan) -> None:
    directory = Path(plan.unit_dir)
    try:
        if plan.write:
            directory.mkdir(parents=True, exist_ok=True)
        for name, content in plan.write.items():
            write_atomic(directory / name, content, mode=0o644)
        for name in plan.remove:
            (directory / name).unlink(missing_ok=True)
    except OSError as exc:
        raise InstallError(f"{exc.filename or directory}: {exc.strerror}") from None
