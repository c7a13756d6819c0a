"""Client commands of ``podd``: images, apply, get, describe, delete, logs,
exec, run. The kubectl-like ones live in modules of their own (get,
describe, run); this one registers them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import yaml

from podd.cli.describe import add_describe
from podd.cli.get import add_get, server_error
from podd.cli.progress import render
from podd.cli.request import CommandError, add_client_args, check, client
from podd.cli.run import add_run

# CommandError and add_client_args: main and kubeconfig import them from here.
__all__ = ["CommandError", "add_client_args", "add_commands"]


def _pull(c: httpx.Client, image: str) -> int:
    """Progress on stderr (bars on a terminal), the image id on stdout."""
    with c.stream("POST", "/podd/v1/images/pull", json={"image": image}) as r:
        if r.status_code >= 400:
            raise server_error(r)
        outcome = render(r.iter_lines())
    if outcome.image_id is None:
        raise CommandError(f"pulling {image}: {outcome.error or 'the pull ended without an image'}")
    print(outcome.image_id)
    return 0


def images(args: argparse.Namespace) -> int:
    with client(args, timeout=3600) as c:
        if args.images_command == "ls":
            for img in check(c.get("/podd/v1/images"))["items"]:
                names = ",".join(img["names"]) or "<none>"
                print(f"{img['id'][7:19]}  {img['size'] / 1e6:8.1f} MB  {names}")
        elif args.images_command == "pull":
            return _pull(c, args.image)
        elif args.images_command == "import":
            with open(args.file, "rb") as fh:
                r = c.post(
                    "/podd/v1/images/import",
                    content=fh,
                    params={"tag": args.tag} if args.tag else None,
                )
            for img in check(r)["items"]:
                print(img["id"], ",".join(img["names"]))
        elif args.images_command == "rm":
            params = {"force": str(args.force).lower()}
            print(json.dumps(check(c.delete(f"/podd/v1/images/{args.image}", params=params))))
        elif args.images_command == "prune":
            params = {"all": str(args.all).lower()}
            print(json.dumps(check(c.post("/podd/v1/images/prune", params=params))))
    return 0


def apply(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text()
    with client(args) as c:
        for doc in yaml.safe_load_all(text):
            if not doc:
                continue
            kind = doc.get("kind", "Pod")
            plural = {"Pod": "pods", "ConfigMap": "configmaps", "Secret": "secrets"}.get(kind)
            if plural is None:
                raise CommandError(f"unsupported kind {kind}")
            ns = doc.get("metadata", {}).get("namespace") or args.namespace
            r = c.post(f"/api/v1/namespaces/{ns}/{plural}", json=doc)
            obj = check(r)
            print(f"{kind.lower()}/{obj['metadata']['name']} created")
    return 0


def delete(args: argparse.Namespace) -> int:
    with client(args) as c:
        params = {"gracePeriodSeconds": str(args.grace_period)} if args.grace_period >= 0 else {}
        r = c.delete(f"/api/v1/namespaces/{args.namespace}/pods/{args.name}", params=params)
        if r.status_code >= 400:
            raise server_error(r)
        print(f'pod "{args.name}" deleted')
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
        client(args, timeout=86400) as c,
        c.stream(
            "GET", f"/api/v1/namespaces/{args.namespace}/pods/{args.name}/log", params=params
        ) as r,
    ):
        if r.status_code >= 400:
            raise server_error(r)
        for chunk in r.iter_bytes():
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
    return 0


def _add_images(sub: Any) -> None:
    im = sub.add_parser("images", help="manage images")
    im_sub = im.add_subparsers(dest="images_command", required=True)
    for name, helptext in [("ls", "list images"), ("prune", "remove unused images")]:
        p = im_sub.add_parser(name, help=helptext)
        add_client_args(p)
        if name == "prune":
            p.add_argument("--all", action="store_true", help="also images with names")
    p = im_sub.add_parser(
        "pull", help="pull an image: progress on stderr (bars on a terminal), its id on stdout"
    )
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


def add_commands(sub: Any) -> None:
    _add_images(sub)
    p = sub.add_parser("apply", help="create objects from a YAML/JSON file (- for stdin)")
    add_client_args(p)
    p.add_argument("-f", "--file", required=True)
    p.set_defaults(func=apply)
    add_get(sub)
    add_describe(sub)
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
    p.add_argument("command", nargs="+")  # run by podd.cli.execstream (add_exec_stream)
    add_run(sub)
