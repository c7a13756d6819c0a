"""The pods a crash round makes and the API calls it sends, in parallel.

Kinds of pod (names ``c<round>-<kind>-<n>``):

* ``long``: one container that runs until stopped (exits at once on SIGTERM);
* ``pair``: two long-running containers, or one long and one flapping;
* ``init``: an init container that runs a moment, then a long-running one;
* ``flap``: ``restartPolicy: Always`` and a command that exits after a moment,
  so podd keeps restarting it (with a 1-4 s backoff).

Besides creates, deletes and image patches, a round may add a long-running
ephemeral container (``dbg<round>``) to a settled pod through the
``ephemeralcontainers`` subresource, as ``kubectl debug`` does.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess

LONG = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
FLAP = ["sh", "-c", "sleep 1; exit 1"]
INIT = ["sh", "-c", "sleep 0.3"]
KINDS = ("long", "pair", "init", "flap")
FAKE_GPU = "podd.test/gpu"  # more devices than pods (GPUS): no pod waits for one
GPUS = 20


@dataclass
class PodModel:
    """What the test knows about one pod it created."""

    name: str
    kind: str
    stable: list[str]  # containers that run until stopped
    flapping: list[str]  # containers that exit and are restarted
    inits: list[str]
    devices: int = 0  # podd.test/gpu devices asked for
    uid: str | None = None
    created: bool = False  # a create was acknowledged
    delete_sent: bool = False  # a delete was sent (acknowledged or cut by the kill)
    delete_acked: bool = False
    gone: bool = False  # seen deleted
    # per stable container, at the last settled check: (container id, image)
    settled: dict[str, tuple[str, str]] = field(default_factory=dict)
    restarts: dict[str, int] = field(default_factory=dict)  # highest restartCount seen


def pod_spec(
    name: str, kind: str, image: str, rng: random.Random
) -> tuple[dict[str, Any], PodModel]:
    stable: list[str] = []
    flapping: list[str] = []
    inits: list[str] = []
    spec: dict[str, Any] = {"terminationGracePeriodSeconds": 2}
    devices = 1 if kind in ("long", "init") and rng.random() < 0.4 else 0
    if kind == "long":
        stable = ["main"]
    elif kind == "pair":
        stable = ["main"]
        (stable if rng.random() < 0.5 else flapping).append("side")
    elif kind == "init":
        stable, inits = ["main"], ["init"]
        spec["initContainers"] = [{"name": "init", "image": image, "command": INIT}]
    else:
        flapping = ["main"]
    commands = {**dict.fromkeys(stable, LONG), **dict.fromkeys(flapping, FLAP)}
    spec["containers"] = [
        {"name": n, "image": image, "command": commands[n]} for n in sorted(commands)
    ]
    if devices:  # an extended resource: a device of podd's CDI allocator
        spec["containers"][0]["resources"] = {"limits": {FAKE_GPU: str(devices)}}
    body = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": spec}
    return body, PodModel(name, kind, stable, flapping, inits, devices=devices)


@dataclass
class Op:
    """One API call of a round: sent after ``delay`` seconds."""

    what: str  # create | delete | patch | debug (adds an ephemeral container)
    pod: str
    delay: float
    body: Any = None
    outcome: str = "not sent"  # not sent | ok <code> | refused <code> | in flight (<error>)
    response: dict[str, Any] | None = None
    sent_at: float | None = None

    def label(self) -> str:
        return f"{self.what} {self.pod} @{self.delay:.2f}s: {self.outcome}"


def _send(c: httpx.Client, op: Op) -> httpx.Response:
    if op.what == "create":
        return c.post(PODS, json=op.body)
    if op.what == "delete":
        return c.delete(f"{PODS}/{op.pod}")
    sub = "/ephemeralcontainers" if op.what == "debug" else ""
    return c.patch(
        f"{PODS}/{op.pod}{sub}",
        json=op.body,
        headers={"Content-Type": "application/strategic-merge-patch+json"},
    )


def run_ops(
    podd: PoddProcess, ops: list[Op], kill_after: float, on_kill: Callable[[], None]
) -> float:
    """Send ``ops`` in parallel (each after its delay), SIGKILL podd
    ``kill_after`` seconds after the first, call ``on_kill`` right after the
    kill (podd is dead: nothing moves), wait for every call to end. Returns
    when the kill happened, in seconds after the start."""
    killed = threading.Event()
    t0 = time.monotonic()

    def one(op: Op) -> None:
        pause = t0 + op.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        if killed.is_set():
            return
        op.sent_at = time.monotonic() - t0
        try:
            with podd.client(timeout=15) as c:
                r = _send(c, op)
        except httpx.ConnectError:
            op.outcome = "not sent (podd down)"
            return
        except httpx.HTTPError as exc:  # the kill cut it: it may or may not have happened
            op.outcome = f"in flight ({type(exc).__name__})"
            return
        op.outcome = f"{'ok' if r.is_success else 'refused'} {r.status_code}"
        if r.headers.get("content-type", "").startswith("application/json"):
            op.response = r.json()

    with ThreadPoolExecutor(max_workers=max(1, len(ops))) as pool:
        futures = [pool.submit(one, op) for op in ops]
        pause = t0 + kill_after - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        killed.set()
        podd.kill()
        at = time.monotonic() - t0
        on_kill()
        for f in futures:
            f.result(timeout=30)
    return at
