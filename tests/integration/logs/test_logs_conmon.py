"""Logs written by the real conmon (2.1.6): rotation kept lossless, follow across it.

The OCI runtime is a stand-in script (no namespaces needed): its ``create``
starts a shell that prints batches of lines, which conmon logs in the CRI
format and cuts at ``--log-size-max``, through the symlinks podd arms.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from podd.logs.options import LogOptions
from podd.logs.paths import log_files
from podd.logs.reader import read_logs
from podd.logs.rotate import RotationPolicy, conmon_log_args, prepare_log
from podd.logs.rotation_watcher import RotationWatcher

pytestmark = pytest.mark.integration

CONMON = shutil.which("conmon")
BATCHES = 40
PER_BATCH = 20
PAD = "p" * 40
_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) ")

RUNTIME = """#!/bin/sh
cmd=""; pidfile=""
while [ $# -gt 0 ]; do
  case "$1" in
    create|start|delete|kill|state) [ -z "$cmd" ] && cmd=$1;;
    --pid-file) shift; pidfile=$1;;
  esac
  shift
done
if [ "$cmd" = create ]; then
  sh -c '
    i=0
    while [ $i -lt {batches} ]; do
      j=0
      while [ $j -lt {per_batch} ]; do echo "out $i $j {pad}"; j=$((j+1)); done
      echo "err $i" >&2
      i=$((i+1))
      sleep 0.05
    done
    printf "tail without newline"' &
  echo $! > "$pidfile"
fi
exit 0
"""


@pytest.fixture
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="podd-int-logs-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _expected_out() -> list[bytes]:
    return [f"out {i} {j} {PAD}\n".encode() for i in range(BATCHES) for j in range(PER_BATCH)]


async def _run_conmon(work: Path, log: Path, policy: RotationPolicy) -> int:
    runtime = work / "runtime"
    runtime.write_text(
        RUNTIME.replace("{batches}", str(BATCHES))
        .replace("{per_batch}", str(PER_BATCH))
        .replace("{pad}", PAD)
    )
    runtime.chmod(0o755)
    for d in ("bundle", "exit", "sock"):
        (work / d).mkdir()
    cid = "0123456789abcdef0123456789abcdef"
    assert CONMON is not None
    proc = await asyncio.create_subprocess_exec(
        CONMON,
        "--sync",
        "--cid",
        cid,
        "--cuuid",
        cid,
        "--name",
        "logger",
        "--runtime",
        str(runtime),
        "--bundle",
        str(work / "bundle"),
        *conmon_log_args(log, policy),
        "--exit-dir",
        str(work / "exit"),
        "--container-pidfile",
        str(work / "ctr.pid"),
        "--socket-dir-path",
        str(work / "sock"),
        "-p",
        str(work / "runtime.pid"),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, out
    return int((work / "exit" / cid).read_text() or "-1")


@pytest.mark.skipif(CONMON is None, reason="conmon is not installed")
async def test_conmon_rotation_is_lossless_and_followed(workdir: Path) -> None:
    log = workdir / "logs" / "ns_pod_uid" / "logger" / "0.log"
    policy = RotationPolicy(max_size=4096, max_files=4)
    prepare_log(log)
    watcher = RotationWatcher(policy)
    watcher.add(log)
    watch_task = asyncio.create_task(watcher.run())
    exited = asyncio.Event()
    followed: list[bytes] = []

    async def follow() -> None:
        async for chunk in read_logs(log, LogOptions(follow=True), exited=exited):
            followed.append(chunk)

    follower = asyncio.create_task(follow())
    try:
        assert await _run_conmon(workdir, log, policy) == 0
        exited.set()
        await asyncio.wait_for(follower, 10)
    finally:
        follower.cancel()
        watch_task.cancel()
        await asyncio.gather(follower, watch_task, return_exceptions=True)
        watcher.close()

    expected = _expected_out()
    # The follower saw every line, in order, across every rotation.
    assert [c for c in followed if c.startswith(b"out ")] == expected
    assert [c for c in followed if c.startswith(b"err ")] == [
        f"err {i}\n".encode() for i in range(BATCHES)
    ]
    assert followed[-1] == b"tail without newline"

    # conmon cut the log many times; podd kept the newest files, none lost between.
    files = log_files(log)
    assert len(files) == policy.max_files
    assert all(p.stat().st_size <= policy.max_size for p in files)
    assert os.path.islink(log)
    kept = [c async for c in read_logs(log, LogOptions(stream="Stdout"))]
    assert kept.pop() == b"tail without newline"
    assert len(kept) > 2 * PER_BATCH
    assert kept == expected[len(expected) - len(kept) :]
    tail = [c async for c in read_logs(log, LogOptions(tail_lines=3, timestamps=True))]
    assert len(tail) == 3 and tail[-1].endswith(b" tail without newline")
    assert all(_STAMP.match(line) for line in tail)
