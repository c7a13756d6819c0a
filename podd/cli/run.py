"""``podd run NAME --image=IMG [--restart=…] [--rm] [-i] [-t] -- CMD…``.

As kubectl run: a pod of one container named NAME (labels ``run=NAME``),
the words after ``--`` its args (``--command``: its command). Without
``-i``, ``--rm`` or a restart policy that ends (Never, OnFailure) it prints
``pod/NAME created`` and returns. Otherwise it waits for the container,
attaches (``-i``: stdin, ``-t``: a terminal) or follows its logs to stdout,
waits for the pod's end (Never: success or failure; OnFailure: success)
and returns the container's exit code, what a CI job wants; ``--rm``
deletes the pod after, waits until it is gone and says ``pod "NAME"
deleted``. Unlike kubectl, ``--rm`` needs no ``-i`` and implies
``--restart=Never`` unless told otherwise (a pod removed at its end cannot
restart).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any
from urllib.parse import urlencode

import httpx

from podd.cli.get import server_error
from podd.cli.podwait import (
    completed,
    container_started,
    exit_code,
    succeeded,
    wait_gone,
    wait_pod,
)
from podd.cli.request import CommandError, add_client_args, client

__all__ = ["add_run", "build_pod", "restart_policy", "split_words", "waits"]

POLICIES = ("Always", "OnFailure", "Never")
DELETE_WAIT = 120.0
LOG_TIMEOUT = 7 * 86400.0
CDI_ANNOTATION = "cdi.k8s.io/podd-run"  # the CDI annotation form; podd validates the names


def restart_policy(given: str | None, rm: bool, interactive: bool) -> str:
    """kubectl's default (OnFailure with -i, else Always), Never for --rm."""
    if given:
        if given not in POLICIES:
            raise CommandError(f"invalid restart policy: {given}")
        return given
    if rm:
        return "Never"
    return "OnFailure" if interactive else "Always"


def waits(policy: str, rm: bool, interactive: bool, attach: bool) -> bool:
    """Whether run stays until the container ends (else: created, done)."""
    return rm or interactive or attach or policy != "Always"


def _pairs(items: list[str], what: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise CommandError(f"invalid {what} {item!r}: expected KEY=VALUE")
        out.append((key, value))
    return out


def build_pod(args: argparse.Namespace, policy: str) -> dict[str, Any]:
    """The pod kubectl run's generator makes of these flags."""
    labels = dict(_pairs(args.labels.split(","), "label")) if args.labels else {"run": args.name}
    container: dict[str, Any] = {"name": args.name, "image": args.image, "resources": {}}
    if args.words:
        container["command" if args.command else "args"] = list(args.words)
    if args.env:
        container["env"] = [{"name": k, "value": v} for k, v in _pairs(args.env, "env")]
    if args.port:
        container["ports"] = [{"containerPort": int(args.port)}]
    if args.image_pull_policy:
        container["imagePullPolicy"] = args.image_pull_policy
    if args.stdin:
        container.update(stdin=True, stdinOnce=not args.leave_stdin_open, tty=bool(args.tty))
    meta: dict[str, Any] = {"name": args.name, "labels": labels}
    if args.device:  # CDI devices by name, shared as podman's --device (not allocated)
        meta["annotations"] = {CDI_ANNOTATION: ",".join(args.device)}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [container], "restartPolicy": policy, "dnsPolicy": "ClusterFirst"},
    }


def _follow_logs(c: httpx.Client, ns: str, name: str, follow: bool) -> None:
    params = {"container": name, **({"follow": "true"} if follow else {})}
    path = f"/api/v1/namespaces/{ns}/pods/{name}/log"
    with c.stream("GET", path, params=params, timeout=LOG_TIMEOUT) as r:
        if r.status_code >= 400:
            raise server_error(r)
        for chunk in r.iter_bytes():
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()


def _attach(args: argparse.Namespace, c: httpx.Client, pod: dict[str, Any]) -> None:
    """kubectl's handleAttachPod: attach while it runs, else its logs."""
    from podd.cli.execstream import ExecFailed, stream_session

    if completed(pod):
        _follow_logs(c, args.namespace, args.name, follow=False)
        return

    def path(tty_: bool) -> str:
        query = {
            "container": args.name,
            "stdin": "true" if args.stdin else "false",
            "stdout": "true",
            "stderr": "false" if tty_ else "true",
            "tty": "true" if tty_ else "false",
        }
        return f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/attach?{urlencode(query)}"

    if args.tty and sys.stdin.isatty():
        print("If you don't see a command prompt, try pressing enter.", file=sys.stderr)
    try:
        stream_session(args, path)
    except (ExecFailed, OSError) as exc:
        print(
            f"warning: couldn't attach to pod/{args.name}, falling back to streaming logs: {exc}",
            file=sys.stderr,
        )
        _follow_logs(c, args.namespace, args.name, follow=False)


def _remove(c: httpx.Client, args: argparse.Namespace) -> None:
    r = c.delete(f"/api/v1/namespaces/{args.namespace}/pods/{args.name}")
    if r.status_code == 404:
        return
    if r.status_code >= 400:
        raise server_error(r)
    if not wait_gone(c, args.namespace, args.name, DELETE_WAIT):
        raise CommandError(f'pod "{args.name}" still exists after {DELETE_WAIT:.0f}s')
    if not args.quiet:
        print(f'pod "{args.name}" deleted', flush=True)


def _outcome(args: argparse.Namespace, c: httpx.Client, policy: str) -> int:
    ns, name = args.namespace, args.name
    pod = wait_pod(c, ns, name, container_started, args.pod_running_timeout)
    if args.stdin or args.attach:
        _attach(args, c, pod)
    else:
        _follow_logs(c, ns, name, follow=True)
    if policy == "Always":
        return 0
    pod = wait_pod(c, ns, name, completed if policy == "Never" else succeeded, None)
    code, message = exit_code(pod)
    if message:
        print(message.rstrip("\n"), file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    split_words(args)
    if not args.name:
        raise CommandError("NAME is required for run")
    if not args.image:
        raise CommandError("--image is required")
    if args.tty and not args.stdin:
        raise CommandError("-i/--stdin is required for containers with -t/--tty=true")
    policy = restart_policy(args.restart, args.rm, args.stdin)
    pod = build_pod(args, policy)
    with client(args) as c:
        r = c.post(f"/api/v1/namespaces/{args.namespace}/pods", json=pod)
        if r.status_code >= 400:
            raise server_error(r)
        if not waits(policy, args.rm, args.stdin, args.attach):
            print(f"pod/{args.name} created")
            return 0
        try:
            return _outcome(args, c, policy)
        except KeyboardInterrupt:
            return 130
        finally:
            if args.rm:
                _remove(c, args)


def _seconds(text: str) -> float:
    """A Go duration (1m, 30s, 1h30m) or plain seconds."""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0}
    try:
        return float(text)
    except ValueError:
        pass
    total, number = 0.0, ""
    for ch in text:
        if ch.isdigit() or ch == ".":
            number += ch
        elif ch in units and number:
            total += float(number) * units[ch]
            number = ""
        else:
            raise argparse.ArgumentTypeError(f"invalid duration {text!r}")
    if number:
        raise argparse.ArgumentTypeError(f"invalid duration {text!r}")
    return total


def _options(p: argparse.ArgumentParser) -> None:
    add_client_args(p)
    p.add_argument("--image", help="the image of the container")
    p.add_argument("--restart", choices=POLICIES, help="Always, OnFailure or Never")
    p.add_argument("--rm", action="store_true", help="delete the pod after it ends")
    p.add_argument("-i", "--stdin", action="store_true", help="attach stdin to the container")
    p.add_argument("-t", "--tty", action="store_true", help="allocate a terminal (with -i)")
    p.add_argument("--attach", action="store_true", help="attach (default with -i)")
    p.add_argument("--leave-stdin-open", action="store_true")
    p.add_argument("--env", action="append", default=[], metavar="K=V")
    p.add_argument("--port", type=int, help="the port the container exposes")
    p.add_argument("-l", "--labels", help="k=v,k2=v2 (default run=NAME)")
    p.add_argument("--command", action="store_true", help="the words are the command, not args")
    p.add_argument("--image-pull-policy", choices=("Always", "IfNotPresent", "Never"))
    p.add_argument("-q", "--quiet", action="store_true", help="no 'deleted' message")
    p.add_argument(
        "--device",
        action="append",
        default=[],
        metavar="CDI-NAME",
        help="a CDI device for the container, as vendor/class=name (nvidia.com/gpu=all)",
    )
    p.add_argument(
        "--pod-running-timeout",
        type=_seconds,
        default=60.0,
        help="how long to wait for the container to start (1m, 30s; default 1m)",
    )


# argparse binds an optional positional list as soon as NAME is seen, so the
# words after NAME are taken whole and their options parsed here.
_LATE = argparse.ArgumentParser(prog="podd run NAME", add_help=False)
_options(_LATE)
_LATE.add_argument("words", nargs="*")


def split_words(args: argparse.Namespace) -> None:
    """``args.words`` (all after NAME): its options into ``args``, the
    container's words (after ``--``, or positional) left in ``words``."""
    words = list(args.words)
    rest: list[str] = []
    if "--" in words:
        i = words.index("--")
        words, rest = words[:i], words[i + 1 :]
    late = _LATE.parse_args(words, namespace=args)
    args.words = [*late.words, *rest]


def add_run(sub: Any) -> None:
    p = sub.add_parser(
        "run",
        help="run a pod of one container; waits and returns its exit code",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    _options(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "words",
        nargs=argparse.REMAINDER,
        metavar="-- CMD ...",
        help="the container's args (or command, with --command)",
    )
    p.set_defaults(func=run)
