"""``podd images pull``'s progress, from podd's NDJSON pull events.

On a terminal: a bar per layer and one for the whole image (rich, which
podd already has through litestar). Otherwise (a CI log, a pipe): a line
each time a layer changes state, never per byte, and the image id last on
stdout, as podman prints it. The plain lines are :func:`plain_lines`, pure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

__all__ = ["PullOutcome", "plain_lines", "render"]


class PullOutcome:
    """What the last event said: the image id, or the failure."""

    def __init__(self) -> None:
        self.image_id: str | None = None
        self.error: str | None = None


def _short(digest: str) -> str:
    return digest.removeprefix("sha256:")[:12]


def _size(n: int) -> str:
    """Bytes as podman writes them (decimal units)."""
    value = float(n)
    for unit in ("B", "kB", "MB"):
        if value < 1000:
            return f"{n} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def plain_lines(events: Iterable[dict[str, Any]], outcome: PullOutcome) -> Iterator[str]:
    """A line per resolved manifest, per layer state change and per end."""
    states: dict[str, str] = {}
    for ev in events:
        kind = ev.get("type")
        if kind == "resolved":
            layers = int(ev.get("layers", 0))
            yield (
                f"Resolved {ev.get('reference')} ({ev.get('platform')}): "
                f"{layers} layer{'s' if layers != 1 else ''}, {_size(int(ev.get('total', 0)))}"
            )
        elif kind == "layer":
            digest, state = str(ev.get("digest", "")), str(ev.get("state", ""))
            if states.get(digest) == state:
                continue
            states[digest] = state
            extra = f": {ev['message']}" if ev.get("message") else ""
            yield f"Layer {_short(digest)}: {state}{extra}"
        elif kind == "complete":
            outcome.image_id = str(ev.get("image_id"))
            yield f"Pulled {ev.get('reference')} ({_size(int(ev.get('size', 0)))})"
        elif kind == "error":
            outcome.error = f"{ev.get('reason')}: {ev.get('message')}"


def _rich(events: Iterable[dict[str, Any]], outcome: PullOutcome, out: TextIO) -> None:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TransferSpeedColumn,
    )

    console = Console(file=out)
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[state]}"),
        console=console,
        transient=False,
    ) as bars:
        for ev in events:
            kind = ev.get("type")
            if kind == "resolved":
                console.print(f"Resolved {ev.get('reference')} ({ev.get('platform')})")
            elif kind == "layer":
                digest, total = str(ev.get("digest", "")), int(ev.get("total") or 0)
                state = str(ev.get("state", ""))
                if digest not in tasks:
                    tasks[digest] = bars.add_task(_short(digest), total=total or None, state=state)
                done = state in ("done", "exists")
                bars.update(
                    tasks[digest],
                    completed=total if done and total else int(ev.get("current") or 0),
                    total=total or None,
                    state=state,
                )
            elif kind == "complete":
                outcome.image_id = str(ev.get("image_id"))
            elif kind == "error":
                outcome.error = f"{ev.get('reason')}: {ev.get('message')}"


def render(lines: Iterable[str], tty: bool | None = None, out: TextIO | None = None) -> PullOutcome:
    """Show the pull whose NDJSON ``lines`` arrive; the image id (stdout,
    last) or the failure is the caller's to print."""
    out = out or sys.stderr
    events = (json.loads(line) for line in lines if line.strip())
    outcome = PullOutcome()
    if tty if tty is not None else out.isatty():
        _rich(events, outcome, out)
    else:
        for line in plain_lines(events, outcome):
            print(line, file=out, flush=True)
    return outcome
