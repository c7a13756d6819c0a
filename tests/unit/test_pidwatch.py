"""PidWatcher with real processes: exits noticed through pidfds (children
reaped, other processes only reported), processes already gone, pid reuse
caught by the start time, cancel and close that silence a watch for good."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Callable

import pytest
import uvloop

from podd.pidwatch import PidWatcher
from podd.sandbox.process import ProcessRef, is_running, process_ref, spawn_detached, wait_exit
from tests.support.leftovers import children, no_leftovers, open_fds  # noqa: F401


def sleeper() -> ProcessRef:
    """A child of ours that runs until killed."""
    pid = spawn_detached(["/bin/sleep", "1000"])
    ref = process_ref(pid)
    assert ref is not None
    return ref


class Exits:
    """on_exit callbacks that record which watch fired, awaitable."""

    def __init__(self) -> None:
        self.fired: list[str] = []
        self._event = asyncio.Event()

    def on(self, name: str) -> Callable[[], None]:
        def on_exit() -> None:
            self.fired.append(name)
            self._event.set()

        return on_exit

    async def wait(self, count: int = 1) -> None:
        async with asyncio.timeout(10):
            while len(self.fired) < count:
                self._event.clear()
                await self._event.wait()


@pytest.mark.usefixtures("no_leftovers")
async def test_sigkill_is_noticed_and_the_child_reaped() -> None:
    ref, exits = sleeper(), Exits()
    watcher = PidWatcher()
    watch = watcher.watch(ref, exits.on("sleep"))
    assert watch.active and not watch.fired and len(watcher) == 1
    os.kill(ref.pid, signal.SIGKILL)
    await exits.wait()
    assert exits.fired == ["sleep"]
    assert watch.fired and not watch.active and len(watcher) == 0
    assert ref.pid not in children()  # reaped: no zombie left
    watch.cancel()  # after firing: harmless
    assert watch.fired


@pytest.mark.usefixtures("no_leftovers")
async def test_a_normal_exit_is_noticed_too() -> None:
    pid = spawn_detached(["/bin/sleep", "0.2"])
    ref = process_ref(pid)
    assert ref is not None
    exits = Exits()
    PidWatcher().watch(ref, exits.on("exit 0"))
    await exits.wait()
    assert exits.fired == ["exit 0"]
    assert pid not in children()


@pytest.mark.usefixtures("no_leftovers")
async def test_a_process_already_gone_is_reported_soon_not_at_once() -> None:
    ref = sleeper()
    os.kill(ref.pid, signal.SIGKILL)
    await wait_exit(ref.pid, timeout=10)  # exited and reaped
    exits = Exits()
    watch = PidWatcher().watch(ref, exits.on("late"))
    assert exits.fired == []  # never from inside watch(): the caller may not be ready
    await exits.wait()
    assert exits.fired == ["late"] and watch.fired


@pytest.mark.usefixtures("no_leftovers")
async def test_a_zombie_child_is_reported_and_reaped() -> None:
    ref = sleeper()
    os.kill(ref.pid, signal.SIGKILL)
    # Bounded wait for the zombie state (the kernel offers no event before reaping).
    async with asyncio.timeout(10):
        while is_running(ref):
            await asyncio.sleep(0.005)
    assert ref.pid in children()
    exits = Exits()
    PidWatcher().watch(ref, exits.on("zombie"))
    await exits.wait()
    assert ref.pid not in children()


@pytest.mark.usefixtures("no_leftovers")
async def test_pid_reuse_is_caught_by_the_start_time() -> None:
    """A ref whose pid now names another process: that one is not watched."""
    live = sleeper()
    stale = ProcessRef(live.pid, live.start_time - 1)  # an earlier process with this pid
    exits, control = Exits(), Exits()
    watcher = PidWatcher()
    watcher.watch(stale, exits.on("stale"))
    await exits.wait()
    assert exits.fired == ["stale"]
    assert is_running(live)  # the process now holding the pid was not touched
    watcher.watch(live, control.on("live"))
    os.kill(live.pid, signal.SIGKILL)
    await control.wait()
    assert exits.fired == ["stale"]  # reported once, not again at the real exit


@pytest.mark.usefixtures("no_leftovers")
async def test_cancel_before_exit_means_no_callback() -> None:
    ref, exits = sleeper(), Exits()
    watcher = PidWatcher()
    cancelled = watcher.watch(ref, exits.on("cancelled"))
    control = watcher.watch(ref, exits.on("control"))
    cancelled.cancel()
    cancelled.cancel()  # idempotent
    assert not cancelled.active and not cancelled.fired and len(watcher) == 1
    os.kill(ref.pid, signal.SIGKILL)
    await exits.wait()
    for _ in range(5):  # give a late callback every chance to show up
        await asyncio.sleep(0)
    assert exits.fired == ["control"] and control.fired


@pytest.mark.usefixtures("no_leftovers")
async def test_cancel_of_a_gone_process_before_the_loop_reports_it() -> None:
    ref = sleeper()
    os.kill(ref.pid, signal.SIGKILL)
    await wait_exit(ref.pid, timeout=10)
    exits = Exits()
    watcher = PidWatcher()
    watcher.watch(ref, exits.on("gone")).cancel()
    control = sleeper()
    watcher.watch(control, exits.on("control"))
    os.kill(control.pid, signal.SIGKILL)
    await exits.wait()
    assert exits.fired == ["control"]


@pytest.mark.usefixtures("no_leftovers")
async def test_close_cancels_every_watch_and_refuses_new_ones() -> None:
    refs = [sleeper(), sleeper()]
    exits = Exits()
    watcher = PidWatcher()
    watches = [watcher.watch(ref, exits.on(str(ref.pid))) for ref in refs]
    watcher.close()
    watcher.close()
    assert len(watcher) == 0 and not any(w.active for w in watches)
    with pytest.raises(RuntimeError):
        watcher.watch(refs[0], exits.on("after close"))
    control = PidWatcher()
    for ref in refs:
        control.watch(ref, exits.on("control"))
        os.kill(ref.pid, signal.SIGKILL)
    await exits.wait(2)
    assert exits.fired == ["control", "control"]


@pytest.mark.usefixtures("no_leftovers")
async def test_a_process_that_is_not_our_child_is_reported() -> None:
    """A grandchild (its parent exited): reported, and reaped by its new parent."""
    out = subprocess.run(
        ["/bin/sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!"],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    )
    ref = process_ref(int(out.stdout))
    assert ref is not None and ref.pid not in children()
    exits = Exits()
    PidWatcher().watch(ref, exits.on("orphan"))
    os.kill(ref.pid, signal.SIGKILL)
    await exits.wait()
    assert exits.fired == ["orphan"]


def test_sigkill_is_noticed_on_uvloop() -> None:
    """podd runs on uvloop: its add_reader must serve pidfds the same way.
    (uvloop keeps a pipe of its own for the process's life: fds are compared
    inside the loop.)"""

    async def main() -> list[str]:
        kids, fds = children(), open_fds()
        ref, exits = sleeper(), Exits()
        PidWatcher().watch(ref, exits.on("uvloop"))
        os.kill(ref.pid, signal.SIGKILL)
        await exits.wait()
        assert children() == kids and open_fds() == fds
        return exits.fired

    assert uvloop.run(main()) == ["uvloop"]
