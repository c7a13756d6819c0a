import asyncio
import os
import sys
from pathlib import Path

import pytest

from podd.sandbox.process import (
    ProcessRef,
    is_running,
    process_ref,
    read_stat,
    reap_if_exited,
    spawn_detached,
    terminate,
    wait_exit,
    wait_readable,
)


def fake_proc(tmp_path: Path, pid: int, comm: str, state: str, start: int) -> Path:
    d = tmp_path / str(pid)
    d.mkdir()
    rest = [state] + ["0"] * 18 + [str(start)] + ["0"] * 30
    (d / "stat").write_text(f"{pid} ({comm}) " + " ".join(rest) + "\n")
    return tmp_path


def test_read_stat_handles_odd_command_names(tmp_path: Path) -> None:
    root = fake_proc(tmp_path, 12, "we ird) (name", "S", 98765)
    assert read_stat(12, root) == ("S", 98765)
    assert read_stat(13, root) is None


def test_identity_is_pid_and_start_time(tmp_path: Path) -> None:
    root = fake_proc(tmp_path, 5, "pause", "S", 100)
    fake_proc(tmp_path, 6, "gone", "Z", 100)
    assert is_running(ProcessRef(5, 100), root)
    assert not is_running(ProcessRef(5, 101), root)  # pid reused
    assert not is_running(ProcessRef(6, 100), root)  # zombie
    assert not is_running(ProcessRef(7, 100), root)


def test_real_stat_of_ourselves() -> None:
    ref = process_ref(os.getpid())
    assert ref is not None and is_running(ref)


async def test_spawn_detached_runs_in_own_session_with_passed_fds(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    r, w = os.pipe()
    script = "import os,sys; os.write(3, b'hi'); print(os.getsid(0) == os.getpid(), flush=True)"
    pid = spawn_detached([sys.executable, "-c", script], pass_fds={3: w}, output=out)
    os.close(w)
    assert await wait_exit(pid, timeout=10) == 0
    assert os.read(r, 10) == b"hi"
    os.close(r)
    assert out.read_text().strip() == "True"


async def test_wait_exit_status_and_timeout() -> None:
    pid = spawn_detached(["/bin/sh", "-c", "exit 3"])
    assert await wait_exit(pid, timeout=10) == 3
    assert await wait_exit(pid, timeout=1) is None  # already reaped
    pid = spawn_detached(["/bin/sleep", "30"])
    with pytest.raises(TimeoutError):
        await wait_exit(pid, timeout=0.05)
    ref = process_ref(pid)
    assert ref is not None
    assert await terminate(ref, timeout=5)
    assert not await terminate(ref, timeout=5)  # already gone


async def test_terminate_escalates_to_sigkill() -> None:
    script = (
        "import os, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        " os.write(3, b'r'); time.sleep(30)"
    )
    r, w = os.pipe()
    pid = spawn_detached([sys.executable, "-c", script], pass_fds={3: w})
    os.close(w)
    ref = process_ref(pid)
    assert ref is not None
    try:
        assert await wait_readable(r, 10)
        assert os.read(r, 1) == b"r"  # SIGTERM is ignored from now on
    finally:
        os.close(r)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    assert await terminate(ref, timeout=0.2)
    assert 0.2 <= loop.time() - t0 < 5
    assert not is_running(ref)


async def test_reap_if_exited() -> None:
    pid = spawn_detached(["/bin/sh", "-c", "exit 0"])
    ref = process_ref(pid)
    assert ref is not None
    fd = os.pidfd_open(pid)
    try:
        assert await wait_readable(fd, 10)  # exited, not yet reaped
    finally:
        os.close(fd)
    assert read_stat(pid) is not None  # a zombie until reaped
    assert reap_if_exited(ref)
    assert read_stat(pid) is None
