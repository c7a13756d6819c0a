"""``podd system install|uninstall``: podd as a systemd user service.

``install`` takes the flags of ``podd serve`` and writes them, made
absolute where they are paths, into ``podd.service``'s ``ExecStart=`` with
the absolute path of the podd in use; it enables and starts nothing, it
prints the one command that does. ``uninstall`` disables and stops the units
the user manager has from podd's files (never another podd.service, never a
pod), removes the files and their enablement links, and prints the command
to run where it could not reach that manager.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from podd.config import ConfigError, default_runtime_dir, load_settings
from podd.system import install, manager, units

# Flags whose values are paths: the service runs in another working directory.
_PATHS = {"config", "socket", "token_file", "tls_cert", "tls_key", "client_ca"}
_PATHS |= {"data_dir", "runtime_dir", "cgroup_root"}
# What the user manager does not give a service, and podd reads for its paths.
_CARRIED_ENV = ("XDG_CONFIG_HOME", "XDG_DATA_HOME")


def add_system(sub: Any, serve_args: Callable[[argparse.ArgumentParser], None]) -> None:
    system = sub.add_parser("system", help="run podd as a systemd user service")
    cmds = system.add_subparsers(dest="system_command", required=True)
    inst = cmds.add_parser(
        "install",
        help="write the systemd user unit (flags: those of `podd serve`)",
        description="Write podd.service (and podd.socket) in $XDG_CONFIG_HOME/systemd/user;"
        " the flags of `podd serve` given here are the service's.",
    )
    inst.add_argument(
        "--socket-activation",
        action="store_true",
        help="also write podd.socket: systemd listens on podd's socket and starts podd"
        " on the first connection",
    )
    inst.add_argument("--force", action="store_true", help="replace units podd did not write")
    inst.add_argument("--dry-run", action="store_true", help="print the units, write nothing")
    probe = argparse.ArgumentParser(add_help=False)
    serve_args(probe)
    serve_args(inst)
    served = [a for a in probe._actions if a.option_strings]
    inst.set_defaults(func=lambda args: install_command(args, served))
    un = cmds.add_parser("uninstall", help="remove the units `podd system install` wrote")
    un.add_argument("--dry-run", action="store_true", help="say what would go, remove nothing")
    un.set_defaults(func=uninstall_command)


def _long(action: argparse.Action) -> str:
    return next(o for o in action.option_strings if o.startswith("--"))


def serve_flags(args: argparse.Namespace, actions: list[argparse.Action]) -> list[str]:
    """The serve flags given, as ``--flag=value`` words (paths absolute)."""
    out: list[str] = []
    for action in actions:
        value = getattr(args, action.dest, None)
        if value is None or value is False or value == []:
            continue
        if action.nargs == 0:
            out.append(_long(action))
            continue
        for item in value if isinstance(value, list) else [value]:
            text = str(item)
            if action.dest in _PATHS or (action.dest == "runtime" and "/" in text):
                text = os.path.abspath(os.path.expanduser(text))
            out.append(f"{_long(action)}={text}")
    return out


def _warn(message: str) -> None:
    print(f"podd: warning: {message}", file=sys.stderr)


def build_spec(args: argparse.Namespace, actions: list[argparse.Action]) -> units.UnitSpec:
    """The units' spec from the flags; the settings are loaded as the service
    will, to refuse bad flags now rather than at its first start."""
    flags = serve_flags(args, actions)
    env_config = os.environ.get("PODD_CONFIG")
    if args.config is None and env_config:
        flags.insert(0, f"--config={os.path.abspath(env_config)}")
    for name in sorted(n for n in os.environ if n.startswith("PODD_") and n != "PODD_CONFIG"):
        _warn(f"podd.service does not see ${name}: give it as a flag of `podd system install`")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PODD_")}
    overrides = {a.dest: getattr(args, a.dest, None) for a in actions if a.dest != "config"}
    settings = load_settings(args.config or env_config, overrides, environ=clean)
    listen = ""
    if args.socket_activation:
        listen = units.listen_stream(settings.socket, str(default_runtime_dir() / "podd.sock"))
    environment = {k: os.path.abspath(os.environ[k]) for k in _CARRIED_ENV if os.environ.get(k)}
    return units.UnitSpec(
        exec_argv=[*install.podd_command(), "serve", *flags],
        socket_activation=args.socket_activation,
        listen_stream=listen,
        environment=environment,
    )


def install_command(args: argparse.Namespace, actions: list[argparse.Action]) -> int:
    try:
        spec = build_spec(args, actions)
    except ConfigError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 2
    rendered = units.render_units(spec)
    try:
        plan = install.install_plan(rendered, force=args.force)
        if args.dry_run:
            for name, text in plan.write.items():
                print(f"# {Path(plan.unit_dir) / name}\n{text}")
            return 0
        install.apply(plan)
    except install.InstallError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    for name in plan.write:
        print(f"wrote {Path(plan.unit_dir) / name}")
    for name in plan.remove:
        print(f"removed {Path(plan.unit_dir) / name} (socket activation is off)")
    print("enable and start it with:")
    print(f"  {units.enable_command(spec.socket_activation)}")
    print("to keep it running while you are logged out: loginctl enable-linger")
    return 0


def uninstall_command(args: argparse.Namespace) -> int:
    try:
        plan = install.uninstall_plan()
    except install.InstallError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    directory = Path(plan.unit_dir)
    names = [n for n in plan.remove if n in (units.SERVICE, units.SOCKET)]
    for name in plan.kept:
        print(f"left {directory / name}: podd did not write it")
    if not names:
        print(f"no unit of podd's in {directory}")
        return 0
    if args.dry_run:
        for name in plan.remove:
            print(f"would remove {directory / name}")
        return 0
    # Disabled and stopped while systemd still has their files; only those
    # it loaded from the files podd wrote.
    loaded = manager.ours(directory, names)
    stopped = manager.disable_now(loaded) if loaded else None
    try:
        install.apply(plan)
    except install.InstallError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    for name in plan.remove:
        print(f"removed {directory / name}")
    if stopped is not None and stopped.ok:
        manager.daemon_reload()
        print(f"stopped and disabled {' '.join(loaded)}")
    else:
        why = stopped.message if stopped is not None else "not loaded by a reachable user manager"
        print(f"did not stop {' '.join(names)} ({why}); where your user manager runs:")
        print(f"  {units.disable_command(names)}")
    print("pods keep running when podd stops: delete them first if they should stop too")
    return 0
