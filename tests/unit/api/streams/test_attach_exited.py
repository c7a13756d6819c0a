"""An attach to a container whose process is gone (or goes as the attach
connects) is refused, so that kubectl reads the log instead of nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from podd.api.streams.backends import _exits_soon
from podd.api.streams.target import Target
from podd.model.container import Container
from podd.runtime.state import ContainerHandle
from podd.sandbox.process import ProcessRef, process_ref


def target(tmp_path: Path, init: ProcessRef | None) -> Target:
    me = process_ref(os.getpid())
    assert me is not None
    handle = ContainerHandle(
        id="c" * 64,
        name="dbg",
        pod_uid="u1",
        restart_count=0,
        runtime="runc",
        runtime_path="/usr/bin/runc",
        runtime_root=str(tmp_path / "runc"),
        bundle=str(tmp_path),
        rootfs=str(tmp_path / "rootfs"),
        log_path=str(tmp_path / "0.log"),
        exit_file=str(tmp_path / "exit"),
        cgroup=None,
        pause=me,
        init=init,
    )
    return Target(
        pod="web",
        container=Container(name="dbg"),
        handle=handle,
        pause=Path("/bin/true"),
        console_dir=tmp_path,
    )


async def test_a_running_process_is_attached(tmp_path: Path) -> None:
    assert not await _exits_soon(target(tmp_path, process_ref(os.getpid())))


async def test_an_exit_file_refuses_it(tmp_path: Path) -> None:
    (tmp_path / "exit").write_text("0")
    assert await _exits_soon(target(tmp_path, process_ref(os.getpid())))


async def test_a_gone_process_refuses_it(tmp_path: Path) -> None:
    child = subprocess.Popen(["true"])
    ref = process_ref(child.pid)
    child.wait()
    assert await _exits_soon(target(tmp_path, ref or ProcessRef(child.pid, 1)))
