"""``podd describe pod NAME``: kubectl describe's layout, field for field
(its ``describePod``): the pod, its containers, conditions, volumes, QoS,
tolerations, then the pod's events. :func:`describe_pod` is pure."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from podd.cli.describe_sections import (
    Writer,
    annotation_lines,
    containers,
    multiline,
    qos_class,
    rfc1123z,
    since,
    timestamp,
    tolerations,
    volume,
)
from podd.cli.get import server_error
from podd.cli.printers import tabbed
from podd.cli.request import CommandError, add_client_args, check, client

__all__ = ["add_describe", "describe_pod", "events_table"]

Obj = dict[str, Any]


def events_table(w: Writer, events: list[Obj], now: datetime) -> None:
    """kubectl's DescribeEvents: oldest last-seen first, ``3s (x2 over 9s)``."""
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    far = datetime.min.replace(tzinfo=UTC)
    for e in sorted(events, key=lambda e: timestamp(e.get("lastTimestamp")) or far):
        first = since(e.get("eventTime") or e.get("firstTimestamp"), now)
        series = e.get("series")
        if series:
            last = since(series.get("lastObservedTime"), now)
            age = f"{last} (x{series.get('count')} over {first})"
        elif int(e.get("count") or 0) > 1:
            age = f"{since(e.get('lastTimestamp'), now)} (x{e['count']} over {first})"
        else:
            age = first
        source = (e.get("source") or {}).get("component") or e.get("reportingComponent") or ""
        message = str(e.get("message") or "").strip()
        w.write(1, f"{e.get('type', '')}\t{e.get('reason', '')}\t{age}\t{source}\t{message}\n")


def describe_pod(pod: Obj, events: list[Obj] | None, now: datetime) -> str:
    meta, spec, status = pod.get("metadata") or {}, pod.get("spec") or {}, pod.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = spec.get("nodeName")
    w.write(0, f"Node:\t{node}/{status.get('hostIP', '')}\n" if node else "Node:\t<none>\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    multiline(w, "Labels", meta.get("labels"))
    annotation_lines(w, meta.get("annotations"))
    phase = status.get("phase", "")
    if meta.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {since(meta['deletionTimestamp'], now)})\n")
        w.write(0, f"Termination Grace Period:\t{meta.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(0, f"Status:\t{phase}\n")
    for label, key in (("Reason", "reason"), ("Message", "message")):
        if status.get(key):
            w.write(0, f"{label}:\t{status[key]}\n")
    w.write(0, f"IP:\t{status.get('podIP', '')}\n")
    ips = status.get("podIPs") or []
    w.write(0, "IPs:\n" if ips else "IPs:\t<none>\n")
    for ip in ips:
        w.write(1, f"IP:\t{ip.get('ip')}\n")
    owner = next((o for o in meta.get("ownerReferences") or [] if o.get("controller")), None)
    if owner:
        w.write(0, f"Controlled By:\t{owner.get('kind')}/{owner.get('name')}\n")
    if status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
    if spec.get("initContainers"):
        containers(
            w, "Init Containers", spec["initContainers"], status.get("initContainerStatuses")
        )
    containers(w, "Containers", spec.get("containers") or [], status.get("containerStatuses"))
    if spec.get("ephemeralContainers"):
        statuses = status.get("ephemeralContainerStatuses")
        containers(w, "Ephemeral Containers", spec["ephemeralContainers"], statuses)
    conditions = {c.get("type"): c.get("status") for c in status.get("conditions") or []}
    if spec.get("readinessGates"):
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in spec["readinessGates"]:
            gate_type = gate.get("conditionType")
            w.write(1, f"{gate_type} \t{conditions.get(gate_type, '<none>')} \n")
    if status.get("conditions"):
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type')} \t{c.get('status')} \n")
    volumes = spec.get("volumes") or []
    w.write(0, "Volumes:\n" if volumes else "Volumes:\t<none>\n")
    for v in volumes:
        w.write(1, f"{v.get('name')}:\n")
        volume(w, v)
    w.write(0, f"QoS Class:\t{qos_class(pod)}\n")
    multiline(w, "Node-Selectors", spec.get("nodeSelector"))
    tolerations(w, spec.get("tolerations"))
    text = tabbed(w.text())
    if events is None:
        return text
    # kubectl flushes its tabwriter before the events: they align on their own.
    tail = Writer()
    events_table(tail, events, now)
    return text + tabbed(tail.text())


def describe(args: argparse.Namespace) -> int:
    if args.kind.lower() not in ("pod", "pods", "po"):
        raise CommandError(f'podd describe knows pods only, not "{args.kind}"')
    ns = args.namespace
    with client(args) as c:
        r = c.get(f"/api/v1/namespaces/{ns}/pods/{args.name}")
        if r.status_code >= 400:
            raise server_error(r)
        pod = dict(r.json())
        meta = pod.get("metadata") or {}
        selector = f"involvedObject.name={args.name},involvedObject.namespace={ns}"
        if meta.get("uid"):
            selector += f",involvedObject.uid={meta['uid']}"
        answer = check(c.get(f"/api/v1/namespaces/{ns}/events", params={"fieldSelector": selector}))
    events = list(answer.get("items") or []) if args.show_events else None
    sys.stdout.write(describe_pod(pod, events, datetime.now(UTC)))
    return 0


def add_describe(sub: Any) -> None:
    p = sub.add_parser("describe", help="show a pod in detail, with its events (kubectl's layout)")
    add_client_args(p)
    p.add_argument("kind", help="pod")
    p.add_argument("name")
    p.add_argument(
        "--show-events",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="print the pod's events at the end (default)",
    )
    p.set_defaults(func=describe)
