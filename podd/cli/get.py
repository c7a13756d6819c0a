"""``podd get KIND [NAME...] [-o wide|json|yaml|name] [-l SEL] [-A] [-w]``.

Tables come from podd (``as=Table``, as kubectl asks), so the columns are
the apiserver's printers' and ``-o wide`` adds the priority-1 ones. ``-w``
lists, then watches from the list's ``resourceVersion`` and prints a row
(or an object) per change until interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import httpx

from podd.cli.printers import (
    OUTPUTS,
    Columns,
    StreamTable,
    align,
    as_list,
    format_object,
    name_line,
    table_rows,
    without_managed_fields,
)
from podd.cli.request import CommandError, add_client_args, check, client, status_message
from podd.cli.resources import Kind, find_kind

__all__ = ["TABLE", "add_get", "server_error"]

TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
WATCH_TIMEOUT = 7 * 86400.0


def server_error(r: httpx.Response) -> CommandError:
    """kubectl's words for a refusal: ``Error from server (NotFound): …``."""
    r.read()
    try:
        reason = r.json().get("reason") or ""
    except (ValueError, AttributeError):
        reason = ""
    prefix = f"Error from server ({reason})" if reason else "Error from server"
    return CommandError(f"{prefix}: {status_message(r)}")


def _get(c: httpx.Client, path: str, params: dict[str, str], table: bool) -> dict[str, Any]:
    r = c.get(path, params=params, headers={"Accept": TABLE} if table else None)
    if r.status_code >= 400:
        raise server_error(r)
    return dict(check(r))


def _kind_of(name: str) -> Kind:
    kind = find_kind(name)
    if kind is None:
        raise CommandError(f'the server doesn\'t have a resource type "{name}"')
    return kind


def _typed(kind: Kind, obj: dict[str, Any]) -> dict[str, Any]:
    # A list's items come without apiVersion and kind; kubectl prints them with.
    return {"apiVersion": kind.api_version, "kind": kind.kind, **obj}


class _Query:
    def __init__(self, args: argparse.Namespace, kind: str) -> None:
        self.kind = _kind_of(kind)
        self.all = bool(args.all_namespaces) or not self.kind.namespaced
        self.namespace: str | None = None if self.all else args.namespace
        self.names: list[str] = list(args.names)
        self.output: str = args.output or ""
        self.table = self.output in ("", "wide")
        self.managed_fields = bool(args.show_managed_fields)
        self.params: dict[str, str] = {}
        if args.selector:
            self.params["labelSelector"] = args.selector
        if args.field_selector:
            self.params["fieldSelector"] = args.field_selector
        if self.names and args.all_namespaces:
            raise CommandError("a resource cannot be retrieved by name across all namespaces")

    def answers(self, c: httpx.Client) -> list[dict[str, Any]]:
        ns = self.namespace
        if self.names:
            return [_get(c, self.kind.path(ns, n), self.params, self.table) for n in self.names]
        return [_get(c, self.kind.path(ns), self.params, self.table)]

    def objects(self, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if self.names:
            return answers
        return [_typed(self.kind, item) for item in answers[0].get("items") or []]

    def no_resources(self) -> str:
        if self.namespace is None or not self.kind.namespaced:
            return "No resources found"
        return f"No resources found in {self.namespace} namespace."


def _print_objects(q: _Query, objects: list[dict[str, Any]]) -> None:
    if not q.managed_fields:
        objects = [without_managed_fields(obj) for obj in objects]
    if q.output == "name":
        for obj in objects:
            group = str(obj.get("apiVersion") or q.kind.api_version).rpartition("/")[0]
            print(name_line(obj.get("kind") or q.kind.kind, group, obj["metadata"]["name"]))
    elif len(objects) == 1 and q.names:
        sys.stdout.write(format_object(objects[0], q.output))
    else:
        sys.stdout.write(format_object(as_list(objects), q.output))


def _watch_events(
    c: httpx.Client, q: _Query, resource_version: str, headers: dict[str, str] | None
) -> Any:
    params = {**q.params, "watch": "true", "allowWatchBookmarks": "false"}
    if resource_version:
        params["resourceVersion"] = resource_version
    if q.names:
        params["fieldSelector"] = f"metadata.name={q.names[0]}"
    with c.stream("GET", q.kind.path(q.namespace), params=params, headers=headers) as r:
        if r.status_code >= 400:
            raise server_error(r)
        for line in r.iter_lines():
            if not line.strip():
                continue
            event = json.loads(line)
            if event.get("type") == "ERROR":
                raise CommandError(str(event.get("object", {}).get("message") or line))
            yield event


def _watch(c: httpx.Client, q: _Query, rv: str, table: tuple[Columns, StreamTable] | None) -> None:
    headers = {"Accept": TABLE} if table is not None else None
    for event in _watch_events(c, q, rv, headers):
        obj = event.get("object") or {}
        if event.get("type") == "BOOKMARK":
            continue
        if table is not None:
            columns, stream = table
            for line in stream.lines(table_rows(columns, [obj])):
                print(line)
        elif q.output == "name":
            print(name_line(q.kind.kind, q.kind.group, obj["metadata"]["name"]))
        else:
            text = format_object(obj if q.managed_fields else without_managed_fields(obj), q.output)
            sys.stdout.write(text if q.output == "json" else "---\n" + text)
        sys.stdout.flush()


def _get_many(args: argparse.Namespace, kinds: list[str]) -> int:
    """``get svc,ep``: a table per kind (names as ``service/web``, a blank
    line between), or every object in one List / name list."""
    queries = [_Query(args, kind) for kind in kinds]
    blocks: list[list[str]] = []
    objects: list[dict[str, Any]] = []
    with client(args) as c:
        for q in queries:
            answers = q.answers(c)
            if not q.table:
                objects += q.objects(answers)
                continue
            definitions = answers[0].get("columnDefinitions") or []
            columns = Columns(definitions, q.output == "wide", q.all and q.kind.namespaced)
            rows = table_rows(columns, answers)
            at = columns.header.index("NAME") if "NAME" in columns.header else 0
            for row in rows:
                row[at] = name_line(q.kind.kind, q.kind.group, row[at])
            if rows:
                blocks.append(align(rows if args.no_headers else [columns.header, *rows], 6, 3))
    q = queries[0]
    if not q.table:
        if q.output == "name" or objects:
            q.names = []  # several kinds: always a List
            _print_objects(q, objects)
        return 0
    if not blocks:
        print(q.no_resources(), file=sys.stderr)
    print("\n\n".join("\n".join(lines) for lines in blocks), end="\n" if blocks else "")
    return 0


def get(args: argparse.Namespace) -> int:
    kinds = [k for k in args.kind.split(",") if k]
    if len(kinds) > 1:
        if args.watch or args.watch_only:
            raise CommandError(
                "watch is only supported on individual resources and resource collections, "
                f"but {len(kinds)} resource types were asked for"
            )
        return _get_many(args, kinds)
    q = _Query(args, args.kind)
    with client(args, timeout=WATCH_TIMEOUT if args.watch or args.watch_only else 30.0) as c:
        answers = q.answers(c)
        rv = str((answers[0].get("metadata") or {}).get("resourceVersion") or "")
        table: tuple[Columns, StreamTable] | None = None
        if q.table:
            definitions = answers[0].get("columnDefinitions") or []
            columns = Columns(definitions, q.output == "wide", q.all and q.kind.namespaced)
            rows = table_rows(columns, answers)
            stream = StreamTable(columns.header, headers=not args.no_headers)
            table = (columns, stream)
            if args.watch_only:
                pass
            elif args.watch:
                for line in stream.lines(rows):
                    print(line)
            elif rows:
                lines = align([columns.header, *rows] if not args.no_headers else rows, 6, 3)
                print("\n".join(lines))
            else:
                print(q.no_resources(), file=sys.stderr)
        elif not args.watch_only:
            _print_objects(q, q.objects(answers))
        if not (args.watch or args.watch_only):
            return 0
        sys.stdout.flush()
        try:
            _watch(c, q, rv, table)
        except KeyboardInterrupt:
            return 130
    return 0


def add_get(sub: Any) -> None:
    p = sub.add_parser(
        "get",
        help="list objects (pods, events, services, configmaps...) or show some",
        description="As kubectl get: podd's server-side columns; -o wide|json|yaml|name.",
    )
    add_client_args(p)
    p.add_argument(
        "kind", help="pods (po), events (ev), services (svc), endpoints (ep)...; svc,ep for several"
    )
    p.add_argument("names", nargs="*", metavar="NAME")
    p.add_argument("-o", "--output", choices=OUTPUTS)
    p.add_argument("-l", "--selector", help="label selector (app=web,tier!=db)")
    p.add_argument("--field-selector", help="field selector (status.phase=Running)")
    p.add_argument("-A", "--all-namespaces", action="store_true")
    p.add_argument("-w", "--watch", action="store_true", help="then print each change")
    p.add_argument("--watch-only", action="store_true", help="print changes only")
    p.add_argument("--no-headers", action="store_true")
    p.add_argument("--show-managed-fields", action="store_true", help="with -o json|yaml")
    p.set_defaults(func=get)
