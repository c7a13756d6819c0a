"""Pull progress events as JSON lines."""

from __future__ import annotations

import msgspec

from podd.images.progress import LayerProgress, PullComplete, decode_event, encode_event


def test_progress_lines() -> None:
    line = encode_event(LayerProgress("sha256:x", "downloading", 5, 10))
    assert msgspec.json.decode(line) == {
        "type": "layer",
        "digest": "sha256:x",
        "state": "downloading",
        "current": 5,
        "total": 10,
    }
    done = PullComplete("docker.io/library/busybox:latest", "sha256:i", "sha256:m", 7)
    assert decode_event(encode_event(done)) == done
