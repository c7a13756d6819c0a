"""``podd get``'s printing: Go tabwriter alignment, the server's columns,
-o json|yaml|name, the rows of a watch."""

from __future__ import annotations

import json

import yaml

from podd.cli.printers import (
    Columns,
    StreamTable,
    align,
    as_list,
    format_object,
    name_line,
    tabbed,
    table_rows,
    without_managed_fields,
)
from podd.cli.resources import find_kind

DEFS = [
    {"name": "Name", "type": "string", "priority": 0},
    {"name": "Ready", "type": "string", "priority": 0},
    {"name": "Status", "type": "string", "priority": 0},
    {"name": "IP", "type": "string", "priority": 1},
    {"name": "Nominated Node", "type": "string", "priority": 1},
]
ROW = {
    "cells": ["web", "1/1", "Running", "10.88.0.2", None],
    "object": {"metadata": {"name": "web", "namespace": "team"}},
}


def test_align_is_gos_tabwriter_with_kubectls_settings() -> None:
    # kubectl: minwidth 6, padding 3; the last cell of a row is not padded.
    lines = align([["NAME", "READY", "AGE"], ["a-long-name", "1/1", "5s"]], 6, 3)
    assert lines == ["NAME          READY   AGE", "a-long-name   1/1     5s"]


def test_a_row_without_a_column_ends_its_block() -> None:
    # As Go: "IPs:" has no tab, so the lines before and after align apart.
    text = "Name:\tweb\nStatus:\tRunning\nIPs:\n  IP:\t10.88.0.2\nQoS Class:\tBestEffort\n"
    assert tabbed(text) == (
        "Name:    web\nStatus:  Running\nIPs:\n  IP:       10.88.0.2\nQoS Class:  BestEffort\n"
    )


def test_nested_columns_align_within_their_block() -> None:
    lines = align([["a", "b", "c"], ["aaaa", "b"], ["a", "bbbbbb", "c"]], 0, 2)
    assert lines == ["a     b  c", "aaaa  b", "a     bbbbbb  c"]


def test_columns_hide_wide_ones_unless_asked() -> None:
    narrow = Columns(DEFS, wide=False, namespaces=False)
    assert narrow.header == ["NAME", "READY", "STATUS"]
    assert table_rows(narrow, [{"rows": [ROW]}]) == [["web", "1/1", "Running"]]
    wide = Columns(DEFS, wide=True, namespaces=True)
    assert wide.header == ["NAMESPACE", "NAME", "READY", "STATUS", "IP", "NOMINATED NODE"]
    assert wide.row(ROW) == ["team", "web", "1/1", "Running", "10.88.0.2", "<none>"]


def test_a_watch_prints_the_header_once_and_widens_columns() -> None:
    stream = StreamTable(["NAME", "STATUS"])
    assert stream.lines([["web", "Pending"]]) == ["NAME   STATUS", "web    Pending"]
    assert stream.lines([["a-longer-one", "Running"]]) == ["a-longer-one   Running"]
    assert stream.lines([]) == []
    quiet = StreamTable(["NAME"], headers=False)
    assert quiet.lines([["web", "x"]]) == ["web   x"]


def test_json_and_yaml_as_kubectl_writes_them() -> None:
    obj = {"kind": "Pod", "apiVersion": "v1", "spec": {"args": ["3600"]}}
    assert format_object(obj, "json") == json.dumps(obj, indent=4, sort_keys=True) + "\n"
    text = format_object(obj, "yaml")
    assert text == 'apiVersion: v1\nkind: Pod\nspec:\n  args:\n  - "3600"\n'
    assert yaml.safe_load(text) == obj
    listed = as_list([obj])
    assert (listed["kind"], listed["apiVersion"], listed["items"]) == ("List", "v1", [obj])
    assert listed["metadata"] == {"resourceVersion": ""}


def test_managed_fields_are_hidden() -> None:
    obj = {"metadata": {"name": "web", "managedFields": [{"manager": "x"}]}}
    assert without_managed_fields(obj) == {"metadata": {"name": "web"}}
    assert without_managed_fields(as_list([obj]))["items"] == [{"metadata": {"name": "web"}}]
    assert obj["metadata"]["managedFields"]  # the original is left as it was


def test_names_and_kinds() -> None:
    assert name_line("Pod", "", "web") == "pod/web"
    assert name_line("EndpointSlice", "discovery.k8s.io", "s") == (
        "endpointslice.discovery.k8s.io/s"
    )
    for alias in ("po", "pod", "pods", "Pods"):
        kind = find_kind(alias)
        assert kind is not None and kind.kind == "Pod"
    svc = find_kind("svc")
    assert svc is not None and svc.path("ns", "web") == "/api/v1/namespaces/ns/services/web"
    ns = find_kind("ns")
    assert ns is not None and ns.path("default") == "/api/v1/namespaces"
    slices = find_kind("endpointslices.discovery.k8s.io")
    assert slices is not None
    assert slices.path(None) == "/apis/discovery.k8s.io/v1/endpointslices"
    assert find_kind("endpointslices.apps") is None
    assert find_kind("widgets") is None
