"""``podd`` — serve the API, print the version, manage the database and contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import httpx

from podd import __version__
from podd.config import Settings


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="TOML config file (default $XDG_CONFIG_HOME/podd/podd.toml)")
    p.add_argument("--socket", help="unix socket (default $XDG_RUNTIME_DIR/podd/podd.sock)")
    p.add_argument("--listen", help="also serve HTTPS on HOST:PORT (TLS 1.2+)")
    p.add_argument("--token-file", help="bearer token for TCP (default: generated, DATA_DIR/token)")
    p.add_argument("--tls-cert", help="server certificate chain (PEM) instead of podd's own")
    p.add_argument("--tls-key", help="private key (PEM) of --tls-cert")
    p.add_argument("--client-ca", help="CA of client certificates accepted on TCP (default podd's)")
    p.add_argument(
        "--insecure-plaintext-listen",
        metavar="HOST:PORT",
        help="also serve plain HTTP on HOST:PORT: token in clear text, kubectl can't use it",
    )
    p.add_argument("--data-dir", help="default $XDG_DATA_HOME/podd")
    p.add_argument("--runtime-dir", help="default $XDG_RUNTIME_DIR/podd")
    p.add_argument("--log-level", choices=["debug", "info", "warning", "error"])
    p.add_argument("--log-format", choices=["kv", "json"])
    p.add_argument("--max-body-bytes", type=int, help="largest request body accepted")
    p.add_argument(
        "--watch-history", type=int, help="changes kept for watches from an old resourceVersion"
    )
    p.add_argument(
        "--insecure-registry",
        action="append",
        dest="insecure_registries",
        metavar="HOST:PORT",
        help="registry served over plain HTTP (repeatable)",
    )
    p.add_argument("--runtime", help="OCI runtime: crun, runc or a path (default: detect)")
    p.add_argument("--cgroup-root", help="delegated cgroup v2 directory (default: detect)")
    p.add_argument(
        "--cdi-spec-dir",
        action="append",
        dest="cdi_spec_dirs",
        metavar="DIR",
        help="CDI specs read after /etc/cdi and /var/run/cdi, later wins (repeatable)",
    )
    p.add_argument(
        "--no-cdi-nvidia",
        action="store_false",
        dest="cdi_nvidia",
        default=None,
        help="don't generate a CDI spec for the host's NVIDIA GPUs when none is installed",
    )
    p.add_argument(
        "--allow-host-loopback",
        action="store_true",
        default=None,
        help="let pods reach the host's 127.0.0.1 through 10.0.2.2",
    )
    p.add_argument(
        "--memory-qos",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="memory.min from memory requests and memory.high throttling, as the kubelet's"
        " MemoryQoS (default: on)",
    )
    p.add_argument(
        "--pod-pids-limit",
        type=int,
        metavar="N",
        help="most processes a pod may have, pids.max (default 4096; 0 or less: no limit)",
    )
    p.add_argument(
        "--log-max-size",
        metavar="SIZE",
        help="container log size before rotation: bytes or a quantity (64Ki, 10Mi; default 10Mi)",
    )
    p.add_argument(
        "--log-max-files", type=int, help="container log files kept per instance (default 5)"
    )
    p.add_argument("--backoff-initial", type=float, help="CrashLoopBackOff first delay (s)")
    p.add_argument("--backoff-max", type=float, help="CrashLoopBackOff longest delay (s)")
    p.add_argument("--backoff-reset", type=float, help="clean running time that resets backoff")
    p.add_argument(
        "--service-cidr", metavar="CIDR", help="Services' clusterIP range (default 10.96.0.0/16)"
    )
    p.add_argument(
        "--network",
        choices=["bridge", "slirp"],
        help="bridge (default): podd's pod network, an address per pod, pods reach each"
        " other, Services and cluster DNS; slirp: a slirp4netns per pod, isolated",
    )
    p.add_argument(
        "--pod-cidr", metavar="CIDR", help="the pod network's addresses (default 10.88.0.0/16)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="podd", description="rootless pods behind a REST API")
    sub = parser.add_subparsers(dest="command", required=True)
    _serve_args(sub.add_parser("serve", help="run the service"))
    sub.add_parser("version", help="print the version")
    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply the schema migrations")
    _serve_args(up)
    oa = sub.add_parser("openapi", help="print the OpenAPI contract (YAML)")
    oa.add_argument("--output", "-o", help="write to this file instead of stdout")
    from podd.cli.commands import add_client_args, add_commands
    from podd.cli.completion import add_completion
    from podd.cli.doctor import add_doctor
    from podd.cli.execstream import add_exec_stream
    from podd.cli.kubeconfig import add_kubeconfig
    from podd.cli.portforward import add_port_forward
    from podd.cli.system import add_system

    add_commands(sub)
    add_exec_stream(sub)  # `podd exec` over the streaming endpoint
    add_port_forward(sub, add_client_args)
    add_kubeconfig(sub)
    add_system(sub, _serve_args)  # `podd system install|uninstall`
    add_doctor(sub)
    add_completion(sub, parser)  # last: it completes every command above
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from the config file and environment, with the flags given on top.

    A flag's dest is its setting's name, so every flag reaches its setting.
    """
    from podd.config import SETTING_NAMES, ConfigError, load_settings

    overrides = {k: getattr(args, k) for k in SETTING_NAMES if hasattr(args, k)}
    try:
        return load_settings(args.config, overrides)
    except ConfigError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "version":
        print(f"podd {__version__}")
        return 0
    if args.command == "openapi":
        from podd.api.openapi import render_yaml

        text = render_yaml()
        if args.output:
            Path(args.output).write_text(text)
        else:
            sys.stdout.write(text)
        return 0
    if hasattr(args, "func"):
        from podd.cli.commands import CommandError

        try:
            return int(args.func(args))
        except CommandError as exc:
            print(f"podd: {exc}", file=sys.stderr)
            return 1
        except httpx.TransportError as exc:
            from podd.cli.tlsverify import explain

            print(f"podd: {explain(exc, args)}", file=sys.stderr)
            return 1
    settings = _settings(args)
    from podd.log import setup_logging

    setup_logging(settings.log_level, settings.log_format)
    if args.command == "db":
        from podd.store import migrate

        settings.data_path.mkdir(parents=True, exist_ok=True, mode=0o700)
        migrate.upgrade(settings.db_path)
        print(f"database {settings.db_path} at revision {migrate.current(settings.db_path)}")
        return 0
    from podd.server import StartupError, run

    try:
        run(settings)
    except StartupError as exc:
        print(f"podd: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
