"""Small builders for API tests."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[2] / "data"


def seed_pod() -> dict[str, Any]:
    return yaml.safe_load((DATA / "seed-pod.yaml").read_text())


def simple_pod(name: str, labels: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels or {}},
        "spec": {
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]
        },
    }


def mutate(obj: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(obj)
    out.update(changes)
    return out


def wait_gone(client: Any, path: str, timeout: float = 30.0) -> None:
    """Poll until GET ``path`` is 404 (graceful deletion finishes in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get(path).status_code == 404:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} still exists after {timeout}s")
