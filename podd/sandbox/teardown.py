"""Tearing a sandbox down (knowing its state, or only its uid) and
checking that it still stands."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import msgspec

from podd.sandbox.cgroups import CgroupManager
from podd.sandbox.env import SandboxEnv
from podd.sandbox.errors import SandboxError, SandboxTeardownError
from podd.sandbox.network import stop_slirp
from podd.sandbox.pause import stop
from podd.sandbox.portfwd import SlirpClient
from podd.sandbox.process import is_running, reap_if_exited, terminate
from podd.sandbox.sandbox import (
    PARTIAL_FILE,
    PartialSandbox,
    SandboxHealth,
    SandboxState,
    load_state,
)

__all__ = ["check_sandbox", "destroy_sandbox", "purge_sandbox"]


async def purge_sandbox(uid: str, env: SandboxEnv) -> None:
    """Remove what sandbox ``uid`` left, knowing only its uid (podd died while
    creating it). With a state file this is :func:`destroy_sandbox`; without,
    the pod cgroup is killed (pause and slirp4netns are born in it) and
    removed, and the runtime dir deleted."""
    state = load_state(env, uid)
    if state is not None:
        await destroy_sandbox(state, env)
        return
    rundir = env.sandbox_dir(uid)
    with contextlib.suppress(OSError, msgspec.DecodeError):
        partial = msgspec.json.decode((rundir / PARTIAL_FILE).read_bytes(), type=PartialSandbox)
        for ref in (partial.slirp, partial.pause):
            if ref is not None:
                await terminate(ref, timeout=env.stop_timeout, proc_root=env.proc_root)
    if env.cgroups is not None:
        await env.cgroups.destroy_pod(env.cgroups.pod_path(uid), env.stop_timeout)
    if env.pod_network is not None:
        await env.pod_network.detach(uid)
    shutil.rmtree(rundir, ignore_errors=True)


async def destroy_sandbox(state: SandboxState, env: SandboxEnv) -> None:
    """Tear a sandbox down; idempotent and tolerant of parts already gone.

    Step 1  remove the port forwards (while slirp4netns still runs)
    Step 2  stop slirp4netns (pid + start time)
    Step 3  stop the pause (its PID namespace dies with it)
    Step 4  cgroup.kill the pod cgroup, wait until empty, rmdir leaves first
    Step 5  remove the runtime dir (sockets, logs, /etc files, state file)

    Containers must be stopped before (cgroup.kill would take conmon with
    them before it writes exit codes). Raises SandboxTeardownError listing
    the steps that failed, after trying all of them.
    """
    failures: list[str] = []
    proc = env.proc_root
    # Step 1
    if state.forwards and state.slirp is not None and is_running(state.slirp.ref, proc):
        client = SlirpClient(state.slirp.api_socket, timeout=2.0)
        for fwd in state.forwards:
            with contextlib.suppress(SandboxError):
                await client.remove_hostfwd(fwd.id)
    # Step 2, Step 3
    try:
        await stop(state.pause, env.stop_timeout, proc)
    except (SandboxError, OSError) as exc:
        failures.append(f"stop pause: {exc}")
    if state.slirp is not None:
        try:
            await stop_slirp(state.slirp, env.stop_timeout, proc)
        except (SandboxError, OSError, TimeoutError) as exc:
            failures.append(f"stop slirp4netns: {exc}")
    elif env.pod_network is not None:
        try:
            await env.pod_network.detach(state.uid)
        except Exception as exc:  # the pod network's errors
            failures.append(f"leave the pod network: {exc}")
    # Step 4
    if state.cgroup_path:
        path = Path(state.cgroup_path)
        cgroups = env.cgroups or CgroupManager(path.parents[2])
        try:
            await cgroups.destroy_pod(path, env.stop_timeout)
        except (SandboxError, OSError) as exc:
            failures.append(f"remove cgroup: {exc}")
    # Step 5
    try:
        shutil.rmtree(state.runtime_dir)
    except FileNotFoundError:
        pass
    except OSError as exc:
        failures.append(f"remove runtime dir: {exc}")
    if failures:
        raise SandboxTeardownError(failures)


def check_sandbox(state: SandboxState, proc_root: str | Path = "/proc") -> SandboxHealth:
    """Is the sandbox still there? Reaps a dead pause/slirp4netns if ours."""
    pause_alive = not reap_if_exited(state.pause.ref, proc_root)
    # On the pod network, the network's own slirp4netns is watched by podd.
    net_alive = state.slirp is None or not reap_if_exited(state.slirp.ref, proc_root)
    reason = None
    holder = state.network_holder
    if pause_alive and holder is not None and not is_running(holder, proc_root):
        # The pod network was rebuilt: this pod's namespaces hang off the old
        # one, which nothing can wire any more. It counts as a dead sandbox.
        return SandboxHealth(
            False, False, False, f"the pod network's namespace (holder {holder.pid}) is gone"
        )
    if not pause_alive:
        reason = f"pause {state.pause.pid} is gone"
    elif not net_alive and state.slirp is not None:
        reason = f"slirp4netns {state.slirp.pid} is gone"
    return SandboxHealth(pause_alive and net_alive, pause_alive, net_alive, reason)
