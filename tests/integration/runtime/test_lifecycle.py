"""Stop, exec, restart, re-adoption after a podd restart, exit watching,
teardown, and the copy-mode rootfs."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import statistics
import time
from pathlib import Path

import pytest

from podd.runtime import (
    RootfsInfo,
    container_status,
    exec_in_container,
    load_containers,
    remove_container,
    remove_pod_storage,
    reopen_log,
    start_container,
    stop_container,
    watch_exits,
)
from podd.runtime.errors import ExecTimeoutError, ExecutableNotFoundError
from podd.runtime.state import PodDirs
from podd.sandbox.process import is_running, wait_exit

from .conftest import Harness, log_lines, make_pod

pytestmark = pytest.mark.integration


def _sh(name: str, script: str, **extra: object) -> dict[str, object]:
    return {"name": name, "image": "busybox", "command": ["sh", "-c", script], **extra}


async def _wait_output(handle: object, text: str, timeout: float = 10.0) -> None:
    """Until the container logged ``text`` (bounded; the log has no event to wait on)."""
    path = Path(handle.log_path)  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and any(t == text for _, t in log_lines(path)):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{text!r} never logged")


async def test_stop_escalates_to_sigkill_after_the_grace_period(harness: Harness) -> None:
    box = await harness.sandbox("stop")
    pod = make_pod(
        box.uid,
        "stop",
        [
            _sh("stubborn", "trap 'echo ignored' TERM; echo ready; while :; do sleep 0.1; done"),
            _sh("polite", "trap 'echo bye; exit 0' TERM; echo ready; while :; do sleep 0.1; done"),
        ],
    )
    stubborn = await harness.run(box, pod, "stubborn")
    polite = await harness.run(box, pod, "polite")
    await _wait_output(stubborn, "ready")
    await _wait_output(polite, "ready")
    assert container_status(harness.rt, stubborn).state == "running"
    t0 = time.monotonic()
    st = await stop_container(harness.rt, stubborn, grace=1.0)
    took = time.monotonic() - t0
    assert (st.state, st.exit_code) == ("exited", 137), st
    assert 1.0 <= took < 5.0, took
    assert ("stdout", "ignored") in log_lines(Path(stubborn.log_path))
    t0 = time.monotonic()
    st = await stop_container(harness.rt, polite, grace=10.0)
    assert (st.state, st.exit_code) == ("exited", 0) and time.monotonic() - t0 < 3.0
    assert ("stdout", "bye") in log_lines(Path(polite.log_path))
    # stopping again is a no-op
    assert (await stop_container(harness.rt, polite, grace=1.0)).exit_code == 0
    assert not is_running(stubborn.init) and not is_running(stubborn.conmon)  # type: ignore[arg-type]


async def test_exec(harness: Harness) -> None:
    box = await harness.sandbox("exec")
    sc = {"runAsUser": 1000, "capabilities": {"drop": ["ALL"]}}
    pod = make_pod(
        box.uid,
        "exec",
        [_sh("main", "sleep 1000", env=[{"name": "WHO", "value": "podd"}], workingDir="/tmp",
             securityContext=sc)],
    )  # fmt: skip
    main = await harness.run(box, pod, "main")
    script = "echo $WHO $(id -u) $(pwd); grep CapEff /proc/self/status; exit 7"
    res = await exec_in_container(harness.rt, main, ["sh", "-c", script])
    assert res.exit_code == 7
    assert res.stdout.splitlines() == ["podd 1000 /tmp", "CapEff:\t0000000000000000"]
    res = await exec_in_container(harness.rt, main, ["cat"], stdin=b"from stdin")
    assert (res.exit_code, res.stdout) == (0, "from stdin")
    res = await exec_in_container(
        harness.rt, main, ["sh", "-c", "yes | head -c 100000"], max_output=1000
    )
    assert len(res.stdout) == 1000 and res.truncated
    with pytest.raises(ExecTimeoutError):
        await exec_in_container(harness.rt, main, ["sleep", "30"], timeout=0.5)
    with pytest.raises(ExecutableNotFoundError):
        await exec_in_container(harness.rt, main, ["no-such-command"])
    # the timed-out exec was killed: only the main sleep is left
    res = await exec_in_container(harness.rt, main, ["ps", "-o", "comm"])
    assert res.stdout.split()[1:].count("sleep") == 1, res.stdout
    assert container_status(harness.rt, main).state == "running"


async def test_restart_keeps_the_rootfs(harness: Harness) -> None:
    box = await harness.sandbox("restart")
    pod = make_pod(box.uid, "restart", [_sh("c", "cat /state 2>/dev/null; echo run >> /state")])
    first = await harness.run(box, pod, "c")
    assert (await harness.wait_exit(first)).exit_code == 0
    await remove_container(harness.rt, first)
    second = await harness.run(box, pod, "c", restart_count=1)
    assert second.id != first.id and second.rootfs == first.rootfs
    assert (await harness.wait_exit(second)).exit_code == 0
    assert log_lines(Path(second.log_path)) == [("stdout", "run")]
    assert second.log_path.endswith("/c/1.log")


async def test_readoption_after_a_podd_restart(harness: Harness) -> None:
    box = await harness.sandbox("adopt")
    script = "echo up; while [ ! -f /tmp/go ]; do sleep 0.05; done; echo bye; exit 5"
    pod = make_pod(box.uid, "adopt", [_sh("c", script)])
    handle = await harness.run(box, pod, "c")
    await _wait_output(handle, "up")
    assert handle.init is not None and handle.conmon is not None
    pid, cid, conmon_pid = handle.init.pid, handle.id, handle.conmon.pid
    del handle  # "podd restarts": only the files are left
    harness.handles.clear()
    [again] = load_containers(box)
    harness.handles.append(again)
    assert again.init is not None and again.conmon is not None
    assert (again.id, again.init.pid, again.conmon.pid) == (cid, pid, conmon_pid)
    status = container_status(harness.rt, again)
    assert (status.state, status.pid, status.started_at) == ("running", pid, again.started_at)
    watcher = watch_exits(harness.rt.exits_dir)
    try:
        res = await exec_in_container(harness.rt, again, ["touch", "/tmp/go"])
        assert res.exit_code == 0
        assert await asyncio.wait_for(anext(watcher), 10) == cid
    finally:
        await watcher.aclose()
    final = container_status(harness.rt, again)
    assert (final.state, final.exit_code) == ("exited", 5)
    assert log_lines(Path(again.log_path))[-1] == ("stdout", "bye")


async def test_watch_exits_reports_each_container(harness: Harness) -> None:
    box = await harness.sandbox("watch")
    pod = make_pod(box.uid, "watch", [_sh(f"c{i}", f"exit {i}") for i in range(3)])
    watcher = watch_exits(harness.rt.exits_dir, existing=False)
    first = asyncio.ensure_future(anext(watcher))
    await asyncio.sleep(0)
    handles = [await harness.run(box, pod, f"c{i}") for i in range(3)]
    seen = {await asyncio.wait_for(first, 10)}
    while len(seen) < 3:
        seen.add(await asyncio.wait_for(anext(watcher), 10))
    await watcher.aclose()
    assert seen == {h.id for h in handles}
    codes = sorted(container_status(harness.rt, h).exit_code or 0 for h in handles)
    assert codes == [0, 1, 2]


def _pod_mounts(pid: int, runtime_dir: str) -> list[str]:
    lines = Path(f"/proc/{pid}/mountinfo").read_text().splitlines()
    return [line for line in lines if runtime_dir in line]


async def test_teardown_leaves_nothing(harness: Harness) -> None:
    box = await harness.sandbox("teardown")
    script = "mkdir -p /tmp/d && echo x > /tmp/d/f && chmod 000 /tmp/d && echo x; sleep 1000"
    writer = _sh("b", script, securityContext={"runAsUser": 1234})
    pod = make_pod(box.uid, "teardown", [_sh("a", "sleep 1000"), writer])
    a = await harness.run(box, pod, "a")
    b = await harness.run(box, pod, "b")
    await _wait_output(b, "x")
    dirs = PodDirs(box.runtime_dir)
    assert len(_pod_mounts(box.pause.pid, str(dirs.rootfs_mounts))) == 2
    assert a.cgroup and Path(a.cgroup).is_dir()
    for h in (a, b):
        st = await stop_container(harness.rt, h, grace=0.5)
        assert st.state == "exited"
        await remove_container(harness.rt, h)
        assert not Path(h.bundle).exists() and not Path(h.exit_file).exists()
        assert h.cgroup and not Path(h.cgroup).exists()
        assert not is_running(h.conmon) and not is_running(h.init)  # type: ignore[arg-type]
    storage = harness.rt.storage_for(box.uid)
    owned = (storage / "b" / "upper" / "tmp" / "d").stat()
    assert owned.st_uid != os.getuid()  # a subordinate id: only removable from the userns
    await remove_pod_storage(harness.rt, box.uid, box)
    assert _pod_mounts(box.pause.pid, str(dirs.rootfs_mounts)) == []
    assert not storage.exists()
    harness.handles.clear()


async def test_copy_mode_rootfs(harness: Harness) -> None:
    harness.rt.rootfs.info = RootfsInfo("copy", "forced by the test")
    box = await harness.sandbox("copy")
    script = "cat /var/www/index.html; stat -c '%u %a' /tmp /root; echo ok > /new; cat /new"
    pod = make_pod(box.uid, "copy", [_sh("c", script)])
    handle = await harness.run(box, pod, "c")
    assert (await harness.wait_exit(handle)).exit_code == 0
    assert [t for _, t in log_lines(Path(handle.log_path))] == [
        "hello from podd",
        "0 1777",
        "0 700",
        "ok",
    ]
    assert handle.rootfs == str(harness.rt.storage_for(box.uid) / "c" / "rootfs")


async def _median_create_to_running(harness: Harness, box: object, pod: object, n: int) -> float:
    times: list[float] = []
    for i in range(n):
        t0 = time.perf_counter()
        handle = await harness.create(box, pod, "t", restart_count=i)  # type: ignore[arg-type]
        handle = await start_container(harness.rt, handle)
        times.append(time.perf_counter() - t0)
        harness.handles[-1] = handle
        assert container_status(harness.rt, handle).state == "running"
        await stop_container(harness.rt, handle, grace=0)
        await remove_container(harness.rt, handle)
        harness.handles.pop()
    return statistics.median(times) * 1000


async def test_create_to_running_time(harness: Harness) -> None:
    """Measured, not asserted: create → running, median of 10 (after one
    warm-up that mounts the rootfs), with the default seccomp profile (all
    its architectures), with the native architecture only, and unconfined."""
    box = await harness.sandbox("timing")
    pod = make_pod(box.uid, "timing", [_sh("t", "sleep 1000")])
    await _median_create_to_running(harness, box, pod, 1)
    default = await _median_create_to_running(harness, box, pod, 10)
    base = harness.rt
    harness.rt = dataclasses.replace(base, seccomp_sub_arches=False)
    native = await _median_create_to_running(harness, box, pod, 10)
    harness.rt = dataclasses.replace(base, seccomp_profile=None)
    unconfined = await _median_create_to_running(harness, box, pod, 10)
    harness.rt = base
    print(
        f"\ncreate→running median of 10: {default:.1f} ms (seccomp, all arches), "
        f"{native:.1f} ms (seccomp, native arch), {unconfined:.1f} ms (no seccomp)"
    )


async def test_log_reopen_after_rotation(harness: Harness) -> None:
    box = await harness.sandbox("rotate")
    script = "echo one; while [ ! -f /tmp/go ]; do sleep 0.05; done; echo two; sleep 1000"
    pod = make_pod(box.uid, "rotate", [_sh("c", script)])
    handle = await harness.run(box, pod, "c")
    await _wait_output(handle, "one")
    log = Path(handle.log_path)
    rotated = log.with_name(log.name + ".1")
    log.rename(rotated)
    assert reopen_log(handle)
    await exec_in_container(harness.rt, handle, ["touch", "/tmp/go"])
    await _wait_output(handle, "two")
    assert log_lines(rotated) == [("stdout", "one")]
    assert log_lines(log) == [("stdout", "two")]


async def test_stop_when_conmon_was_killed(harness: Harness) -> None:
    box = await harness.sandbox("orphan")
    pod = make_pod(
        box.uid, "orphan", [_sh("c", "trap 'exit 0' TERM; echo up; while :; do sleep 0.1; done")]
    )
    handle = await harness.run(box, pod, "c")
    await _wait_output(handle, "up")
    assert handle.conmon is not None and handle.init is not None
    os.kill(handle.conmon.pid, 9)
    await wait_exit(handle.conmon.pid, 5)  # its pidfd; reaped by us, its subreaper
    assert container_status(harness.rt, handle).state == "running"  # the process still runs
    t0 = time.monotonic()
    st = await stop_container(harness.rt, handle, grace=5.0)
    assert time.monotonic() - t0 < 3.0
    assert (st.state, st.exit_code) == ("exited", 143)  # inferred: TERM ended it
    assert not is_running(handle.init)


async def test_storage_removed_after_the_sandbox_is_gone(harness: Harness) -> None:
    box = await harness.sandbox("late")
    script = "mkdir /tmp/d && echo x > /tmp/d/f && chmod 000 /tmp/d"
    pod = make_pod(box.uid, "late", [_sh("c", script, securityContext={"runAsUser": 1234})])
    handle = await harness.run(box, pod, "c")
    assert (await harness.wait_exit(handle)).exit_code == 0
    await remove_container(harness.rt, handle)
    harness.handles.clear()
    await harness.boxes.destroy(box)  # the pod's namespaces are gone now
    storage = harness.rt.storage_for(box.uid)
    assert (storage / "c" / "upper" / "tmp" / "d").exists()
    await remove_pod_storage(harness.rt, box.uid, None)  # through env.userns_join
    assert not storage.exists()
