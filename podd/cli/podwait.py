"""Waiting on one pod through a watch: until a condition holds, the pod is
gone, or a deadline passes. What ``podd run`` waits for, and how a pod's
end becomes an exit code as kubectl run reads it (pure)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from podd.cli.request import CommandError

__all__ = [
    "WaitTimeout",
    "completed",
    "container_started",
    "exit_code",
    "succeeded",
    "wait_gone",
    "wait_pod",
]

Pod = dict[str, Any]
TERMINAL = ("Succeeded", "Failed")


class WaitTimeout(CommandError):
    """The condition did not hold in time."""


def _phase(pod: Pod) -> str:
    return str((pod.get("status") or {}).get("phase") or "")


def container_started(pod: Pod) -> bool:
    """The (first) container runs or ran, or the pod is over: time to attach
    or to follow its logs."""
    if _phase(pod) in TERMINAL:
        return True
    for cs in (pod.get("status") or {}).get("containerStatuses") or []:
        state = cs.get("state") or {}
        if state.get("running") is not None or state.get("terminated") is not None:
            return True
    return False


def completed(pod: Pod) -> bool:
    """``--restart=Never``: the pod succeeded or failed."""
    return _phase(pod) in TERMINAL


def succeeded(pod: Pod) -> bool:
    """``--restart=OnFailure``: only success ends it (failures restart)."""
    return _phase(pod) == "Succeeded"


def waiting_reason(pod: Pod) -> str:
    for cs in (pod.get("status") or {}).get("containerStatuses") or []:
        reason = ((cs.get("state") or {}).get("waiting") or {}).get("reason")
        if reason:
            return str(reason)
    return ""


def exit_code(pod: Pod) -> tuple[int, str]:
    """kubectl run's outcome of an ended pod: 0, or the container's exit code
    and ``pod NS/NAME terminated (Reason)`` (then its message)."""
    meta = pod.get("metadata") or {}
    where = f"{meta.get('namespace')}/{meta.get('name')}"
    phase = _phase(pod)
    if phase == "Succeeded":
        return 0, ""
    if phase != "Failed":
        return 1, f"pod {where} left in phase {phase}"
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    term = ((statuses[0].get("state") or {}).get("terminated") if statuses else None) or {}
    code = int(term.get("exitCode") or 0)
    if not term or code == 0:
        return 1, f"pod {where} failed with unknown exit code"
    return code, f"pod {where} terminated ({term.get('reason', '')})\n{term.get('message', '')}"


def wait_pod(
    c: httpx.Client,
    namespace: str,
    name: str,
    done: Callable[[Pod], bool],
    timeout: float | None,
) -> Pod:
    """The pod once ``done(pod)``; a watch from its current state (ADDED
    first), watched again if podd ends it, until ``timeout`` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    last: Pod = {}
    while True:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            reason = waiting_reason(last)
            suffix = f" (the container is waiting: {reason})" if reason else ""
            raise WaitTimeout(f"timed out waiting for the condition on pods/{name}{suffix}")
        params = {
            "watch": "true",
            "fieldSelector": f"metadata.name={name}",
            "timeoutSeconds": str(int(min(left, 600)) + 1 if left is not None else 600),
        }
        path = f"/api/v1/namespaces/{namespace}/pods"
        with c.stream("GET", path, params=params) as r:
            if r.status_code >= 400:
                r.read()
                raise CommandError(f"{r.status_code}: {r.text}")
            for line in r.iter_lines():
                if not line.strip():
                    continue
                event = json.loads(line)
                kind, obj = event.get("type"), event.get("object") or {}
                if kind == "ERROR":
                    raise CommandError(str(obj.get("message") or line))
                if kind == "DELETED":
                    raise CommandError(f'pod "{name}" was deleted')
                if kind in ("ADDED", "MODIFIED"):
                    last = obj
                    if done(obj):
                        return obj
                if deadline is not None and time.monotonic() >= deadline:
                    break


def wait_gone(c: httpx.Client, namespace: str, name: str, timeout: float) -> bool:
    """Until GET answers 404 (a deleted pod lingers while it stops)."""
    deadline = time.monotonic() + timeout
    path = f"/api/v1/namespaces/{namespace}/pods/{name}"
    while time.monotonic() < deadline:
        if c.get(path).status_code == 404:
            return True
        time.sleep(0.1)
    return False
