"""How ``podd get`` prints, as kubectl does (pure: text in, text out).

Tables are the server's (``meta.k8s.io`` Table): headers upper-cased,
``-o wide`` columns (priority > 0) only when asked, cells aligned as Go's
``text/tabwriter`` aligns them (kubectl: min width 6, padding 3; describe:
min width 0, padding 2). ``-o json|yaml`` prints one object as it is and
several as a ``List``, keys sorted (kubectl goes through a map); ``-o name``
prints ``kind/name``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml

__all__ = [
    "OUTPUTS",
    "Columns",
    "StreamTable",
    "align",
    "as_list",
    "format_object",
    "name_line",
    "tabbed",
    "table_rows",
    "without_managed_fields",
]

OUTPUTS = ("wide", "json", "yaml", "name")


def align(rows: Sequence[Sequence[str]], minwidth: int, padding: int) -> list[str]:
    """Go's tabwriter on rows of cells: every cell but a row's last ends
    with a tab; a column is aligned over each run of consecutive rows that
    have a cell in it (a row without one ends the run), to the widest cell
    plus ``padding``, at least ``minwidth``."""
    widths: list[list[int]] = [[0] * max(len(r) - 1, 0) for r in rows]

    def block(col: int, start: int, end: int) -> None:
        i = start
        while i < end:
            if len(rows[i]) - 1 <= col:
                i += 1
                continue
            j = i
            while j < end and len(rows[j]) - 1 > col:
                j += 1
            width = max(minwidth, *(len(rows[k][col]) + padding for k in range(i, j)))
            for k in range(i, j):
                widths[k][col] = width
            block(col + 1, i, j)
            i = j

    block(0, 0, len(rows))
    out = []
    for row, ws in zip(rows, widths, strict=True):
        cells = [cell.ljust(w) for cell, w in zip(row, ws, strict=False)]
        out.append("".join(cells) + (row[-1] if row else ""))
    return out


def tabbed(text: str, minwidth: int = 0, padding: int = 2) -> str:
    """``text`` (lines, cells split by tabs) aligned; describe's tabwriter."""
    lines = text.split("\n")
    trailing = lines[-1] == ""
    if trailing:
        lines.pop()
    out = "\n".join(align([line.split("\t") for line in lines], minwidth, padding))
    return out + "\n" if trailing else out


def _cell(value: Any) -> str:
    if value is None:
        return "<none>"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Columns:
    """The columns of a Table to print: all of them for ``-o wide``, else
    those of priority 0; a NAMESPACE column first for ``-A``."""

    def __init__(self, definitions: list[dict[str, Any]], wide: bool, namespaces: bool) -> None:
        self.indexes = [
            i for i, d in enumerate(definitions) if wide or int(d.get("priority") or 0) == 0
        ]
        self.namespaces = namespaces
        names = [str(definitions[i]["name"]).upper() for i in self.indexes]
        self.header = (["NAMESPACE"] if namespaces else []) + names

    def row(self, row: dict[str, Any]) -> list[str]:
        cells = row.get("cells") or []
        out = [_cell(cells[i]) if i < len(cells) else "" for i in self.indexes]
        if self.namespaces:
            meta = (row.get("object") or {}).get("metadata") or {}
            out.insert(0, str(meta.get("namespace") or ""))
        return out


def table_rows(columns: Columns, tables: Sequence[dict[str, Any]]) -> list[list[str]]:
    """The rows of some Tables (one per object or one list) in ``columns``."""
    return [columns.row(row) for table in tables for row in table.get("rows") or []]


def as_list(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Several objects as kubectl prints them: a ``v1`` ``List``."""
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


class _GoYamlDumper(yaml.SafeDumper):
    """Quotes as Go's yaml (kubectl): ``"3600"``, never ``'3600'``."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def without_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """kubectl hides ``metadata.managedFields`` unless --show-managed-fields."""
    out = dict(obj)
    if isinstance(out.get("metadata"), dict) and "managedFields" in out["metadata"]:
        out["metadata"] = {k: v for k, v in out["metadata"].items() if k != "managedFields"}
    if isinstance(out.get("items"), list):
        out["items"] = [without_managed_fields(item) for item in out["items"]]
    return out


def format_object(obj: dict[str, Any], output: str) -> str:
    """``-o json`` (4-space indent, as kubectl) or ``-o yaml``."""
    if output == "json":
        return json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False) + "\n"
    return str(
        yaml.dump(
            obj,
            Dumper=_GoYamlDumper,
            sort_keys=True,
            default_flow_style=False,
            allow_unicode=True,
        )
    )


def name_line(kind: str, group: str, name: str) -> str:
    """``-o name``: ``pod/web``, ``endpointslice.discovery.k8s.io/web-x``."""
    resource = kind.lower() + (f".{group}" if group else "")
    return f"{resource}/{name}"


class StreamTable:
    """A table printed as its rows come (``get -w``): the header once, each
    column as wide as the widest cell printed so far (kubectl flushes its
    tabwriter per event, so later rows may stretch a column)."""

    def __init__(self, header: list[str], headers: bool = True) -> None:
        self.header = header
        self.headers = headers
        self.widths: list[int] = []
        self.started = False

    def lines(self, rows: list[list[str]]) -> list[str]:
        if not rows:
            return []
        batch = rows if self.started or not self.headers else [self.header, *rows]
        self.started = True
        for row in batch:
            for i, cell in enumerate(row[:-1]):
                width = max(6, len(cell) + 3)
                if i == len(self.widths):
                    self.widths.append(width)
                else:
                    self.widths[i] = max(self.widths[i], width)
        return [
            "".join(c.ljust(w) for c, w in zip(row[:-1], self.widths, strict=False)) + row[-1]
            for row in batch
        ]
