"""``podd kubeconfig``: what kubectl needs to reach this podd, as a kubeconfig.

The running podd hands it out on its unix socket (``GET /podd/v1/kubeconfig``):
its CA, the URL of its TLS listener and the bearer token. Printed as YAML, or
with ``--merge`` written into the user's kubeconfig, where the cluster, user
and context named ``podd`` are replaced and every other entry is kept.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from podd.cli.client import connect
from podd.cli.commands import CommandError
from podd.tls import write_private

SECTIONS = ("clusters", "users", "contexts")


def add_kubeconfig(sub: Any) -> None:
    p = sub.add_parser("kubeconfig", help="print a kubeconfig for kubectl, or merge it into yours")
    p.add_argument("--socket", help="podd's unix socket (default $XDG_RUNTIME_DIR/podd/podd.sock)")
    p.add_argument(
        "--merge",
        action="store_true",
        help="write it into your kubeconfig and make `podd` the current context",
    )
    p.add_argument(
        "--kubeconfig",
        metavar="FILE",
        help="the file --merge writes (default: the first of $KUBECONFIG, else ~/.kube/config)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = fetch(args.socket)
    if not args.merge:
        sys.stdout.write(to_yaml(config))
        return 0
    path = Path(args.kubeconfig) if args.kubeconfig else default_path()
    write_merged(path, config)
    print(f"podd: cluster, user and context `podd` written to {path}; current context: podd")
    return 0


def fetch(socket: str | None) -> dict[str, Any]:
    with connect(socket) as client:
        r = client.get("/podd/v1/kubeconfig")
    try:
        body = r.json()
    except ValueError:
        body = None
    if r.status_code != 200 or not isinstance(body, dict):
        message = body.get("message") if isinstance(body, dict) else None
        raise CommandError(message or f"{r.status_code}: {r.text}")
    return body


def to_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, sort_keys=False, default_flow_style=False)


def default_path(environ: dict[str, str] | None = None) -> Path:
    """Where kubectl writes: the first file of ``$KUBECONFIG``, else ``~/.kube/config``."""
    env = os.environ if environ is None else environ
    for part in env.get("KUBECONFIG", "").split(os.pathsep):
        if part:
            return Path(part).expanduser()
    return Path.home() / ".kube" / "config"


def merge(existing: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """``existing`` with our cluster, user and context (replaced in place when
    present by name, else appended) and our context made current."""
    merged = dict(existing)
    merged.setdefault("apiVersion", "v1")
    merged.setdefault("kind", "Config")
    for section in SECTIONS:
        entries = [e for e in merged.get(section) or [] if isinstance(e, dict)]
        for entry in ours.get(section, []):
            names = [e.get("name") for e in entries]
            if entry["name"] in names:
                entries[names.index(entry["name"])] = entry
            else:
                entries.append(entry)
        merged[section] = entries
    merged["current-context"] = ours["current-context"]
    merged.setdefault("preferences", {})
    return merged


def write_merged(path: Path, ours: dict[str, Any]) -> None:
    """Merge into ``path`` (its target, when it is a link), leaving it 0600."""
    path = path.resolve()
    try:
        text = path.read_text()
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    try:
        existing = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CommandError(f"{path} is not a kubeconfig: {exc}") from None
    if not isinstance(existing, dict):
        raise CommandError(f"{path} is not a kubeconfig: not a mapping")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    try:
        write_private(path, to_yaml(merge(existing, ours)).encode())
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
