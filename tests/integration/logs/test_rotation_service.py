"""Container logs bounded on disk by the service: ``--log-max-size 64Ki --log-max-files 3``.

A busybox container prints 2 MB of numbered lines (``seq``); conmon cuts the
log every 64 KiB, podd keeps the newest 3 files. What is left on disk is at
most 3 x 64 KiB (plus a record), and the log podd serves is the newest
lines, each number the previous one + 1, ending with the last one printed:
with podd running, and with podd SIGKILLed halfway and restarted on the same
data dir (conmon rotated on its own meanwhile; podd adopts what it finds).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from podd.logs.paths import log_files
from tests.integration.containers.helpers import get, logs, pod, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

MAX_SIZE = 64 * 1024
MAX_FILES = 3
HALF = 150_000
LAST = 300_000  # seq 1 300000: 1,988,895 bytes
RECORD = len("2026-12-04T18:00:00.000000000+00:00 stdout F ") + len(f"{LAST}\n")
BOUND = MAX_FILES * MAX_SIZE + RECORD


@pytest.fixture
def podd(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd"),
        "--insecure-registry",
        registry.host,
        "--log-max-size",
        "64Ki",
        "--log-max-files",
        str(MAX_FILES),
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture
def busybox(registry: Registry) -> str:
    return f"{registry.host}/library/busybox:1.36"


def _container_dir(podd: PoddProcess, c: httpx.Client, name: str) -> Path:
    uid = get(c, name)["metadata"]["uid"]
    return podd.data_dir / "logs" / f"default_{name}_{uid}" / "main"


def _on_disk(directory: Path) -> tuple[int, int]:
    """(data files, bytes) in a container log dir; a hard-linked file counts once."""
    seen: dict[int, int] = {}
    for entry in os.scandir(directory):
        st = entry.stat(follow_symlinks=False)
        if entry.is_file(follow_symlinks=False):
            seen[st.st_ino] = st.st_size
    return len(seen), sum(seen.values())


def _bounded(directory: Path) -> tuple[int, int] | None:
    files, size = _on_disk(directory)
    return (files, size) if files <= MAX_FILES and size <= BOUND else None


def _last_on_disk(directory: Path) -> int | None:
    """The number of the last whole line conmon wrote, read from its newest file."""
    files = log_files(directory / "0.log")
    try:
        data = files[-1].read_bytes() if files else b""
    except FileNotFoundError:  # replaced by a rotation meanwhile
        return None
    text = b""  # the container's output: P records hold no newline of their own
    for raw in data.splitlines():
        parts = raw.split(b" ", 3)
        if len(parts) == 4:
            text += parts[3] + (b"\n" if parts[2] == b"F" else b"")
    lines = text.split(b"\n")[:-1]  # whole lines only
    return int(lines[-1]) if lines and lines[-1].isdigit() else None


def _served(c: httpx.Client, name: str) -> list[int]:
    return [int(line) for line in logs(c, name).splitlines()]


def _assert_newest_contiguous(numbers: list[int]) -> None:
    assert numbers, "no lines served"
    assert numbers[-1] == LAST
    first = numbers[0]
    assert numbers == list(range(first, LAST + 1)), "a line is missing or out of order"


def _printer(name: str, image: str, script: str, **spec: Any) -> dict[str, Any]:
    return pod(name, image, {"name": "main", "command": ["sh", "-c", script], **spec})


def test_logs_stay_bounded_and_contiguous(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(PODS, json=_printer("seq", busybox, f"seq 1 {LAST}; sleep 3600"))
        wait_running(c, "seq", "main")
        wait_for("the last line", lambda: logs(c, "seq", tailLines="1") == f"{LAST}\n", 120)
        directory = _container_dir(podd, c, "seq")
        files, size = wait_for("the files pruned", lambda: _bounded(directory), 30)
        numbers = _served(c, "seq")
    print(f"\nrunning podd: {files} data files, {size} bytes on disk, {len(numbers)} lines served")
    _assert_newest_contiguous(numbers)


def test_logs_bounded_across_a_podd_kill(podd: PoddProcess, busybox: str, tmp_path: Path) -> None:
    # The container prints half, waits for a file on a hostPath, prints the rest.
    gate = tmp_path / "gate"
    gate.mkdir()
    script = (
        f"seq 1 {HALF}; while [ ! -e /gate/go ]; do sleep 0.1; done; "
        f"seq {HALF + 1} {LAST}; sleep 3600"
    )
    body = _printer(
        "kill",
        busybox,
        script,
        volumeMounts=[{"name": "gate", "mountPath": "/gate"}],
    )
    body["spec"]["volumes"] = [{"name": "gate", "hostPath": {"path": str(gate)}}]
    with podd.client() as c:
        c.post(PODS, json=body)
        wait_running(c, "kill", "main")
        wait_for("the first half", lambda: logs(c, "kill", tailLines="1") == f"{HALF}\n", 120)
        directory = _container_dir(podd, c, "kill")
    podd.kill()
    try:
        (gate / "go").touch()  # the second half is printed with podd down
        wait_for("the last line on disk", lambda: _last_on_disk(directory) == LAST, 120)
        down_files, down_size = _on_disk(directory)
    finally:
        podd.start()  # on the same dirs (and so that the pod is deleted at the end)
    # conmon alone: the files podd kept, the one the arm made, the plain one
    assert down_files <= MAX_FILES + 2 and down_size <= (MAX_FILES + 2) * MAX_SIZE + RECORD
    with podd.client() as c:
        files, size = wait_for("the files adopted and pruned", lambda: _bounded(directory), 30)
        numbers = _served(c, "kill")
    print(
        f"\nkilled podd: {down_files} data files, {down_size} bytes while down; "
        f"after restart {files} files, {size} bytes, {len(numbers)} lines served"
    )
    _assert_newest_contiguous(numbers)
