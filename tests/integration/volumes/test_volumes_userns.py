"""Removing a pod's volumes when containers left files owned by subordinate ids.

A container running as uid 1000 writes files that the host sees as owned by
a subordinate uid: the user cannot remove them from outside, and
remove_pod_volumes goes through the pods' user namespace (here the images'
holder, which has the same mapping as every pod).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from podd.images.userns_holder import UsernsHolder
from podd.model.volume import EmptyDirVolumeSource, Volume
from podd.volumes.errors import VolumeRemovalError
from podd.volumes.manager import prepare_pod_volumes, remove_pod_volumes
from podd.volumes.projection import StaticLookup
from tests.unit.volumes.conftest import make_pod

pytestmark = pytest.mark.integration

UID = "6f1c2d3e-0000-4000-8000-000000000001"


async def _run(argv: Sequence[str]) -> int:
    proc = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    return await asyncio.wait_for(proc.wait(), 30)


@pytest.fixture
async def base(pods_userns: UsernsHolder) -> AsyncIterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="podd-int-volumes-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            await _run([*await pods_userns.join_prefix(), "rm", "-rf", "--", str(path)])


async def test_remove_through_the_user_namespace(pods_userns: UsernsHolder, base: Path) -> None:
    if os.getuid() == 0:
        pytest.skip("root removes anything from the host: run as an unprivileged user")
    vol = Volume(name="scratch", empty_dir=EmptyDirVolumeSource())
    reqs = prepare_pod_volumes(make_pod(vol), base, StaticLookup())
    scratch = reqs["scratch"].path
    prefix = await pods_userns.join_prefix()
    # what a container running as uid 1000 leaves behind
    script = (
        f"mkdir -p {scratch}/d/e && echo x > {scratch}/d/e/f"
        f" && chown -R 1000:1000 {scratch}/d && chmod 700 {scratch}/d {scratch}/d/e"
    )
    assert await _run([*prefix, "sh", "-c", script]) == 0
    assert os.stat(f"{scratch}/d").st_uid != os.getuid()

    with pytest.raises(VolumeRemovalError, match="Permission denied"):
        await remove_pod_volumes(UID, base)
    assert os.path.isdir(f"{scratch}/d")

    calls: list[list[str]] = []

    async def run_in_userns(argv: Sequence[str]) -> int:
        calls.append(list(argv))
        return await _run([*prefix, *argv])

    await remove_pod_volumes(UID, base, run_in_userns)
    assert calls == [["rm", "-rf", "--", str(base / UID)]]
    assert not (base / UID).exists()
