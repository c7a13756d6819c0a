"""``podd doctor``: check this host's rootless prerequisites, print each
with its fix; exit 0 when podd can run here (``--json`` for machines)."""

from __future__ import annotations

import argparse
import sys

import msgspec

from podd.config import SETTING_NAMES, ConfigError, load_settings


def add_doctor(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="check this host's rootless prerequisites and their fixes")
    p.add_argument("--json", action="store_true", help="the findings as JSON")
    p.add_argument("--config", help="TOML config file (default $XDG_CONFIG_HOME/podd/podd.toml)")
    p.add_argument("--socket", help="unix socket podd serve would use")
    p.add_argument("--data-dir", help="data dir podd serve would use")
    p.add_argument("--runtime-dir", help="runtime dir podd serve would use")
    p.add_argument("--runtime", help="OCI runtime: crun, runc or a path (default: detect)")
    p.add_argument("--cgroup-root", help="delegated cgroup v2 directory (default: detect)")
    p.add_argument("--network", choices=["bridge", "slirp"], help="the pod network podd would use")
    # A tree that imitates a host (proc/, sys/, etc/, dev/...): for tests.
    p.add_argument("--root", default="/", help=argparse.SUPPRESS)
    p.set_defaults(func=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    from podd.doctor import examine  # the sandbox's modules: only here
    from podd.doctor.render import render

    overrides = {k: getattr(args, k) for k in SETTING_NAMES if hasattr(args, k)}
    try:
        settings = load_settings(args.config, overrides)
    except ConfigError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 2
    report = examine(settings, args.root)
    if args.json:
        sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(report)) + b"\n")
    else:
        sys.stdout.write(render(report))
    return 0 if report.ok else 1
