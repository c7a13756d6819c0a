"""Content store: atomic verified blobs, single-flight work, pins."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import BinaryIO

import pytest

from podd.images.digest import sha256_digest
from podd.images.errors import DigestMismatchError, SizeMismatchError
from podd.images.store import ContentStore, SingleFlight


async def test_single_flight_shares_work_and_progress() -> None:
    sf: SingleFlight[int] = SingleFlight()
    calls = 0
    gate = asyncio.Event()
    seen: list[int] = []

    async def work(report: object) -> int:
        nonlocal calls
        calls += 1
        report(5)  # type: ignore[operator]
        await gate.wait()
        return 42

    first = asyncio.ensure_future(sf.run("k", work))
    await asyncio.sleep(0)
    second = asyncio.ensure_future(sf.run("k", work, seen.append))
    await asyncio.sleep(0)
    assert sf.running("k") and seen == [5]
    gate.set()
    assert await first == (42, False)
    assert await second == (42, True)
    assert calls == 1 and not sf.running("k")


async def test_single_flight_survives_a_cancelled_waiter() -> None:
    sf: SingleFlight[str] = SingleFlight()
    gate = asyncio.Event()

    async def work(_report: object) -> str:
        await gate.wait()
        return "done"

    a = asyncio.ensure_future(sf.run("k", work))
    await asyncio.sleep(0)
    b = asyncio.ensure_future(sf.run("k", work))
    await asyncio.sleep(0)
    a.cancel()
    gate.set()
    assert await b == ("done", True)


async def test_ensure_blob_verifies_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "storage")
    data = b"hello blob"
    digest = sha256_digest(data)

    async def bad(out: BinaryIO, report: object) -> None:
        out.write(b"partial")
        raise DigestMismatchError("tampered")

    with pytest.raises(DigestMismatchError):
        await store.ensure_blob(digest, len(data), bad)
    assert not store.has_blob(digest) and list(store.tmp_dir.iterdir()) == []

    async def short(out: BinaryIO, report: object) -> None:
        out.write(data[:3])

    with pytest.raises(SizeMismatchError):
        await store.ensure_blob(digest, len(data), short)
    assert list(store.tmp_dir.iterdir()) == []

    async def good(out: BinaryIO, report: object) -> None:
        out.write(data)

    assert await store.ensure_blob(digest, len(data), good) is True
    assert store.blob_path(digest).read_bytes() == data
    assert await store.ensure_blob(digest, len(data), bad) is False  # present: no fetch
    with pytest.raises(DigestMismatchError):
        await store.put_bytes(b"other", digest)
    assert await store.put_bytes(b"other") == sha256_digest(b"other")
    assert store.list_blobs() == {digest, sha256_digest(b"other")}
    with store.pinned([digest, digest]):
        assert store.is_pinned(digest)
    assert not store.is_pinned(digest)
