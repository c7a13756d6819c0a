"""Client commands of ``podd``: images, pods (apply/get/delete), logs, exec."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import yaml

from podd.cli.client import connect
from podd.cli.tlsverify import TrustError, add_tls_args, context_for


class CommandError(Exception):
    """A client command failed; the message is for the user."""


def add_client_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--socket", help="podd's unix socket (default $XDG_RUNTIME_DIR/podd/podd.sock)")
    p.add_argument("--server", help="https://HOST:PORT of a TCP podd (podd serve --listen)")
    p.add_argument("--token-file", help="bearer token for --server")
    add_tls_args(p)
    p.add_argument("-n", "--namespace", default="default")


def _client(args: argparse.Namespace, timeout: float = 30.0) -> httpx.Client:
    token = Path(args.token_file).read_text().strip() if args.token_file else None
    try:
        tls = context_for(args) if args.server else None
    except TrustError as exc:
        raise CommandError(str(exc)) from None
    return connect(args.socket, args.server, token, timeout, tls)


def _check(r: httpx.Response) -> Any:
    if r.status_code >= 400:
        try:
            message = r.json().get("message") or r.text
        except ValueError:
            message = r.text
        raise CommandError(f"{r.status_code}: {message}")
    return r.json() if r.headers.get("content-type", "").startswith("application/json") else r.text


def images(args: argparse.Namespace) -> int:
    with _client(args, timeout=3600) as c:
        if args.images_command == "ls":
            for img in _check(c.get("/podd/v1/images"))["items"]:
                names = ",".join(img["names"]) or "<none>"
                print(f"{img['id'][7:19]}  {img['size'] / 1e6:8.1f} MB  {names}")
        elif args.images_command == "pull":
            with c.stream("POST", "/podd/v1/images/pull", json={"image": args.image}) as r:
                if r.status_code >= 400:
                    r.read()
                    _check(r)
                last: dict[str, Any] = {}
                for line in r.iter_lines():
                    if line:
                        last = json.loads(line)
                print(json.dumps(last))
                if "error" in json.dumps(last).lower() and "id" not in last:
                    return 1
        elif args.images_command == "import":
            with open(args.file, "rb") as fh:
                r = c.post(
                    "/podd/v1/images/import",
                    content=fh,
                    params={"tag": args.tag} if args.tag else None,
                )
            for img in _check(r)["items"]:
                print(img["id"], ",".join(img["names"]))
        elif args.images_command == "rm":
            print(
                json.dumps(
                    _check(
                        c.delete(
                            f"/podd/v1/images/{args.image}",
                            params={"force": str(args.force).lower()},
                        )
                    )
                )
            )
        elif args.images_command == "prune":
            print(
                json.dumps(
                    _check(c.post("/podd/v1/images/prune", params={"all": str(args.all).lower()}))
                )
            )
    return 0


def apply(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text()
    with _client(args) as c:
        for doc in yaml.safe_load_all(text):
            if not doc:
                continue
            kind = doc.get("kind", "Pod")
            plural = {"Pod": "pods", "ConfigMap": "configmaps", "Secret": "secrets"}.get(kind)
            if plural is None:
                raise CommandError(f"unsupported kind {kind}")
            ns = doc.get("metadata", {}).get("namespace") or args.namespace
            r = c.post(f"/api/v1/namespaces/{ns}/{plural}", json=doc)
            obj = _check(r)
            print(f"{kind.lower()}/{obj['metadata']['name']} created")
    return 0


def get(args: argparse.Namespace) -> int:
    with _client(args) as c:
        path = f"/api/v1/namespaces/{args.namespace}/pods"
        if args.name:
            print(yaml.safe_dump(_check(c.get(f"{path}/{args.name}")), sort_keys=False))
            return 0
        items = _check(c.get(path))["items"]  # before the header: a refusal prints only itself
        print(f"{'NAME':30} {'READY':7} {'STATUS':18} {'RESTARTS':9} IP")
        for pod in items:
            st = pod.get("status", {})
            cs = st.get("containerStatuses") or []
            ready = f"{sum(1 for s in cs if s.get('ready'))}/{len(pod['spec']['containers'])}"
            reason = next(
                (s["state"]["waiting"]["reason"] for s in cs if s.get("state", {}).get("waiting")),
                st.get("phase", ""),
            )
            restarts = sum(s.get("restartCount", 0) for s in cs)
            print(
                f"{pod['metadata']['name']:30} {ready:7} {reason:18} {restarts:<9} "
                f"{st.get('podIP', '')}"
            )
    return 0


def delete(args: argparse.Namespace) -> int:
    with _client(args) as c:
        params = {"gracePeriodSeconds": str(args.grace_period)} if args.grace_period >= 0 else {}
        _check(c.delete(f"/api/v1/namespaces/{args.namespace}/pods/{args.name}", params=params))
        print(f"pod/{args.name} deleted")
    return 0


def logs(args: argparse.Namespace) -> int:
    params: dict[str, str] = {}
    if args.container:
        params["container"] = args.container
    if args.follow:
        params["follow"] = "true"
    if args.tail is not None:
        params["tailLines"] = str(args.tail)
    if args.timestamps:
        params["timestamps"] = "true"
    if args.previous:
        params["previous"] = "true"
    with (
        _client(args, timeout=86400) as c,
        c.stream(
            "GET", f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/log", params=params
        ) as r,
    ):
        if r.status_code >= 400:
            r.read()
            _check(r)
        for chunk in r.iter_bytes():
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
    return 0


def exec_(args: argparse.Namespace) -> int:
    body: dict[str, Any] = {"command": args.command}
    if args.container:
        body["container"] = args.container
    if not sys.stdin.isatty() and args.stdin:
        body["stdin"] = sys.stdin.read()
    with _client(args, timeout=3600) as c:
        out = _check(
            c.post(f"/podd/v1/namespaces/{args.namespace}/pods/{args.name}/exec", json=body)
        )
    sys.stdout.write(out.get("stdout", ""))
    sys.stderr.write(out.get("stderr", ""))
    return int(out.get("exitCode", 1))


def add_commands(sub: Any) -> None:
    im = sub.add_parser("images", help="manage images")
    im_sub = im.add_subparsers(dest="images_command", required=True)
    for name, helptext in [("ls", "list images"), ("prune", "remove unused images")]:
        p = im_sub.add_parser(name, help=helptext)
        add_client_args(p)
        if name == "prune":
            p.add_argument("--all", action="store_true", help="also images with names")
    p = im_sub.add_parser("pull", help="pull an image")
    add_client_args(p)
    p.add_argument("image")
    p = im_sub.add_parser("import", help="import an OCI layout tar or a docker save tar")
    add_client_args(p)
    p.add_argument("file")
    p.add_argument("--tag")
    p = im_sub.add_parser("rm", help="remove an image")
    add_client_args(p)
    p.add_argument("image")
    p.add_argument("--force", action="store_true")
    im.set_defaults(func=images)
    p = sub.add_parser("apply", help="create objects from a YAML/JSON file (- for stdin)")
    add_client_args(p)
    p.add_argument("-f", "--file", required=True)
    p.set_defaults(func=apply)
    p = sub.add_parser("get", help="list pods, or show one")
    add_client_args(p)
    p.add_argument("what", choices=["pods", "pod", "po"])
    p.add_argument("name", nargs="?")
    p.set_defaults(func=get)
    p = sub.add_parser("delete", help="delete a pod")
    add_client_args(p)
    p.add_argument("what", choices=["pod", "pods", "po"])
    p.add_argument("name")
    p.add_argument("--grace-period", type=int, default=-1)
    p.set_defaults(func=delete)
    p = sub.add_parser("logs", help="print a container's logs")
    add_client_args(p)
    p.add_argument("name")
    p.add_argument("-c", "--container")
    p.add_argument("-f", "--follow", action="store_true")
    p.add_argument("--tail", type=int)
    p.add_argument("--timestamps", action="store_true")
    p.add_argument("-p", "--previous", action="store_true")
    p.set_defaults(func=logs)
    p = sub.add_parser("exec", help="run a command in a container")
    add_client_args(p)
    p.add_argument("name")
    p.add_argument("-c", "--container")
    p.add_argument("-i", "--stdin", action="store_true")
    p.add_argument("command", nargs="+")
    p.set_defaults(func=exec_)
