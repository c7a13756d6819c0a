"""AtomicWriter under concurrent readers: never a mixed or a missing version.

A thread keeps reading a projected volume while it is rewritten many times:
reading ``a`` then ``b`` through one resolved ``..data`` always gives the same
version (or finds the version already gone and retries), and a user-visible
name always leads to a file (a lookup racing with the removal of the old
version fails once, as with the kubelet, and the next finds the new one).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from podd.volumes.atomic_writer import AtomicWriter, FileProjection

pytestmark = pytest.mark.integration

VERSIONS = 300


@pytest.fixture
def vol() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="podd-int-atomic-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _payload(i: int) -> dict[str, FileProjection]:
    text = str(i).encode()
    return {"a": FileProjection(text, 0o644), "conf/b": FileProjection(text * 100, 0o644)}


def test_concurrent_readers_see_whole_versions(vol: Path) -> None:
    writer = AtomicWriter(vol)
    writer.write(_payload(0))
    stop = threading.Event()
    problems: list[str] = []
    reads = {"snapshot": 0, "visible": 0}

    def reader() -> None:
        while not stop.is_set():
            # a consistent snapshot: both files through one resolved ..data
            try:
                fd = os.open(vol / "..data", os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:
                problems.append("..data missing")
                continue
            try:
                a_fd = os.open("a", os.O_RDONLY, dir_fd=fd)
                b_fd = os.open("conf/b", os.O_RDONLY, dir_fd=fd)
            except FileNotFoundError:
                continue  # that version was removed meanwhile: resolve again
            finally:
                os.close(fd)
            with os.fdopen(a_fd, "rb") as fa, os.fdopen(b_fd, "rb") as fb:
                a, b = fa.read(), fb.read()
            if b != a * 100:
                problems.append(f"mixed versions: {a!r} / {b[:10]!r}")
            reads["snapshot"] += 1
            # the user-visible names resolve: a lookup that went through the
            # version removed at that instant fails, the next one finds the
            # new version (already in place before the old one goes)
            for attempt in range(3):
                try:
                    (vol / "a").read_bytes()
                    (vol / "conf" / "b").read_bytes()
                    break
                except FileNotFoundError as exc:
                    if attempt == 2:
                        problems.append(f"visible file missing: {exc.filename}")
            reads["visible"] += 1

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for i in range(1, VERSIONS + 1):
            assert writer.write(_payload(i))
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert problems == []
    assert reads["snapshot"] > 0 and reads["visible"] > 0
    assert (vol / "a").read_bytes() == str(VERSIONS).encode()
    versions = [n for n in os.listdir(vol) if n.startswith("..2")]
    assert len(versions) == 1  # every old version removed
