"""``podd images pull`` without a terminal: a line per state change, never
per byte; with one: rich's bars. The outcome is the last event's."""

from __future__ import annotations

import io
import json

from podd.cli.progress import PullOutcome, plain_lines, render

L1 = "sha256:" + "a" * 64
L2 = "sha256:" + "b" * 64
MB2 = 2_000_000
EVENTS = [
    {"type": "resolved", "reference": "r/busybox:1", "manifest_digest": "sha256:m",
     "platform": "linux/amd64", "layers": 2, "total": 2_500_000},
    {"type": "layer", "digest": L1, "state": "downloading", "current": 0, "total": 2_000_000},
    {"type": "layer", "digest": L1, "state": "downloading", "current": 1_000_000, "total": MB2},
    {"type": "layer", "digest": L2, "state": "exists"},
    {"type": "layer", "digest": L1, "state": "extracting", "current": MB2, "total": MB2},
    {"type": "layer", "digest": L1, "state": "done", "current": 2_000_000, "total": 2_000_000},
    {"type": "complete", "reference": "r/busybox:1", "image_id": "sha256:img",
     "manifest_digest": "sha256:m", "size": 5_300_000},
]  # fmt: skip


def test_plain_lines_per_state_change() -> None:
    outcome = PullOutcome()
    assert list(plain_lines(EVENTS, outcome)) == [
        "Resolved r/busybox:1 (linux/amd64): 2 layers, 2.5 MB",
        "Layer aaaaaaaaaaaa: downloading",
        "Layer bbbbbbbbbbbb: exists",
        "Layer aaaaaaaaaaaa: extracting",
        "Layer aaaaaaaaaaaa: done",
        "Pulled r/busybox:1 (5.3 MB)",
    ]
    assert (outcome.image_id, outcome.error) == ("sha256:img", None)


def test_a_failure_is_the_outcome() -> None:
    failed = {"type": "error", "reference": "r/x:1", "reason": "NotFound", "message": "no such"}
    out = io.StringIO()
    outcome = render([json.dumps(failed)], tty=False, out=out)
    assert (outcome.image_id, outcome.error) == (None, "NotFound: no such")
    assert out.getvalue() == ""


def test_a_terminal_gets_bars() -> None:
    out = io.StringIO()
    outcome = render([json.dumps(e) for e in EVENTS], tty=True, out=out)
    assert outcome.image_id == "sha256:img"
    text = out.getvalue()
    assert "Resolved r/busybox:1 (linux/amd64)" in text
    assert "aaaaaaaaaaaa" in text and "done" in text
    assert "2.0/2.0 MB" in text
