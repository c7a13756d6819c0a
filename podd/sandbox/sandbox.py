"""One pod sandbox: create it as a rollback stack, check it, destroy it.

The service calls these from its event loop; nothing here blocks for long
(processes are waited for through pidfds, cgroups through inotify).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec

from podd.atomicfile import write_atomic
from podd.sandbox.cgroups import CgroupManager, NotEnforced, PodLimits, limit_writes
from podd.sandbox.env import SandboxEnv
from podd.sandbox.errors import PortForwardError, SandboxError
from podd.sandbox.etcfiles import (
    DNSSettings,
    EtcPaths,
    HostAlias,
    pod_hostname,
    render_etc_files,
    write_etc_files,
)
from podd.sandbox.network import (
    SlirpHandle,
    SlirpOptions,
    pod_addresses,
    start_slirp,
    stop_slirp,
)
from podd.sandbox.pause import PauseHandle, start_pause, stop
from podd.sandbox.portfwd import PortForward, SlirpClient, check_host_port, endpoint
from podd.sandbox.process import ProcessRef
from podd.sandbox.userns import write_id_maps

__all__ = [
    "ForwardState",
    "PortForward",
    "SandboxEnv",
    "SandboxHealth",
    "SandboxSpec",
    "SandboxState",
    "create_sandbox",
    "load_state",
]

STATE_FILE = "sandbox.json"
PARTIAL_FILE = "partial.json"  # the processes started so far, while building


class PartialSandbox(msgspec.Struct, frozen=True):
    """What a killed podd may have left running before the state file: the
    next one stops these (by pid and start time) when no cgroup holds them."""

    pause: ProcessRef | None = None
    slirp: ProcessRef | None = None


class SandboxSpec(msgspec.Struct, frozen=True):
    """What the sandbox needs from a pod spec."""

    uid: str
    name: str
    namespace: str = "default"
    hostname: str | None = None
    subdomain: str | None = None
    port_forwards: list[PortForward] = []
    allow_host_loopback: bool = False
    dns: DNSSettings = DNSSettings()
    host_aliases: list[HostAlias] = []
    limits: PodLimits = PodLimits()


class ForwardState(msgspec.Struct, frozen=True):
    id: int
    forward: PortForward


class SandboxState(msgspec.Struct, frozen=True):
    """Everything needed to find, check and destroy a sandbox later."""

    uid: str
    pause: PauseHandle
    slirp: SlirpHandle | None  # None: the pod is on podd's pod network
    runtime_dir: str
    cgroup_path: str | None
    pod_ip: str
    gateway: str
    dns_server: str
    etc: EtcPaths
    forwards: list[ForwardState] = []
    warnings: list[str] = []
    not_enforced: list[NotEnforced] = []
    slirp_options: SlirpOptions | None = None  # how slirp4netns was started (None: defaults)

    network_api_socket: str | None = None  # on the pod network: its slirp4netns's
    network_holder: ProcessRef | None = (
        None  # on the pod network: whose user namespace is our parent
    )

    @property
    def api_socket(self) -> str | None:
        """The slirp4netns API that forwards host ports to this pod."""
        return self.slirp.api_socket if self.slirp is not None else self.network_api_socket


class SandboxHealth(msgspec.Struct, frozen=True):
    alive: bool
    pause_alive: bool
    network_alive: bool
    reason: str | None = None


class _Undo:
    """Rollback steps that never mask the error being unwound."""

    def __init__(self, stack: contextlib.AsyncExitStack) -> None:
        self.stack = stack
        self.failures: list[str] = []

    def push(self, what: str, fn: Callable[..., Awaitable[object] | object], *args: Any) -> None:
        async def undo() -> None:
            try:
                result = fn(*args)
                if isinstance(result, Awaitable):
                    await result
            except Exception as exc:
                self.failures.append(f"{what}: {exc}")

        self.stack.push_async_callback(undo)


_SAFE_UID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")


def _check_ports(spec: SandboxSpec) -> None:
    seen: set[tuple[str, int, str]] = set()
    for fwd in spec.port_forwards:
        key = (fwd.host_ip, fwd.host_port, fwd.protocol)
        if key in seen:
            where = endpoint(fwd.host_ip, fwd.host_port, fwd.protocol)
            raise PortForwardError(f"{where}: requested twice by this pod")
        seen.add(key)
        check_host_port(fwd.host_ip, fwd.host_port, fwd.protocol)


def _unenforced_without_cgroups(limits: PodLimits, reason: str) -> list[NotEnforced]:
    """What the pod asked for; podd's own settings are reported once (info)."""
    writes = [w for w in limit_writes(limits) if w.asked]
    return [NotEnforced(w.resource, w.controller, w.value, reason) for w in writes]


def _own_failures(missing: list[NotEnforced]) -> list[str]:
    """podd's own limits that a delegated controller still refused (rare)."""
    return [
        f"{n.resource} limit {n.value} not enforced: {n.reason}" for n in missing if not n.asked
    ]


async def create_sandbox(spec: SandboxSpec, env: SandboxEnv) -> SandboxState:
    """Build the pod's sandbox. Each step pushes its undo; a failure unwinds
    them in reverse, so nothing is left (no pause, slirp4netns, cgroup, files).

    Step 1  check every requested host port (before anything is started)
    Step 2  the runtime dir ``<runtime>/pods/<uid>``
    Step 3  the cgroup ``pods/<uid>/infra``; pod limits, unenforceable ones reported
    Step 4  the pause: user namespace, maps, other namespaces, PID 1 born in
            the infra cgroup (its cgroup namespace rooted there)
    Step 5  slirp4netns in the pod user namespace, born in infra, tied to the
            pause by its exit pipe
    Step 6  port forwards through the API socket
    Step 7  /etc/hosts, /etc/hostname, /etc/resolv.conf
    Step 8  the state file (``sandbox.json``), then the state is returned
    """
    if not _SAFE_UID.match(spec.uid):
        raise SandboxError(f"pod uid {spec.uid!r} cannot name a directory or a cgroup")
    warnings = list(env.id_mapping.warnings)
    hostname = pod_hostname(spec.name, spec.hostname)
    slirp_options = SlirpOptions(spec.allow_host_loopback, env.mtu, env.cidr)
    # Step 1
    _check_ports(spec)
    async with contextlib.AsyncExitStack() as stack:
        undo = _Undo(stack)
        try:
            # Step 2
            rundir = env.sandbox_dir(spec.uid)
            rundir.parent.mkdir(parents=True, exist_ok=True)
            try:
                rundir.mkdir(mode=0o700)
            except FileExistsError as exc:
                raise SandboxError(f"sandbox {spec.uid} already exists ({rundir})") from exc
            undo.push("remove runtime dir", shutil.rmtree, rundir, True)
            # Step 3
            cgroup_path: Path | None = None
            infra: Path | None = None
            if env.cgroups is not None:
                cgroups = env.cgroups
                cgroup_path = cgroups.create_pod(spec.uid)
                infra = CgroupManager.infra(cgroup_path)
                undo.push("remove cgroup", cgroups.destroy_pod, cgroup_path, env.stop_timeout)
                missing = cgroups.apply_limits(cgroup_path, env.cgroup_policy.apply(spec.limits))
                not_enforced = [n for n in missing if n.asked]
                warnings += _own_failures(missing)
                cgroups.protect_pods()
            else:
                reason = env.cgroup_reason or "no delegated cgroup v2 subtree"
                warnings.append(reason)
                not_enforced = _unenforced_without_cgroups(spec.limits, reason)
            # Step 4, Step 5
            net = env.pod_network
            slirp: SlirpHandle | None = None
            cluster_dns: str | None = None
            if net is None:
                pause, slirp = await _pause_and_slirp(
                    env, rundir, hostname, infra, slirp_options, undo
                )
                pod_ip, gateway, dns_server = pod_addresses(env.cidr)
            else:
                pause = await start_pause(
                    env.pause,
                    hostname=hostname,
                    on_userns=net.write_maps,
                    cgroup=infra,
                    timeout=env.start_timeout,
                    proc_root=env.proc_root,
                    parent_userns=net.holder_pid,
                )
                undo.push("stop pause", stop, pause, env.stop_timeout, env.proc_root)
                _write_partial(rundir, PartialSandbox(pause=pause.ref))
                undo.push("leave the pod network", net.detach, spec.uid)
                address = await net.attach(spec.uid, pause.ref, spec.allow_host_loopback)
                pod_ip, gateway, dns_server = address.ip, address.gateway, address.dns
                cluster_dns = address.cluster_dns
            # Step 6
            forwards: list[ForwardState] = []
            if net is not None and spec.port_forwards:
                ids = await net.add_forwards(spec.uid, pod_ip, spec.port_forwards)
                forwards = [
                    ForwardState(i, f) for i, f in zip(ids, spec.port_forwards, strict=True)
                ]
            elif slirp is not None:
                client = SlirpClient(slirp.api_socket)
                for fwd in spec.port_forwards:
                    fid = await client.add_hostfwd(
                        fwd.host_ip, fwd.host_port, pod_ip, fwd.container_port, fwd.protocol
                    )
                    forwards.append(ForwardState(fid, fwd))
            # Step 7
            files = render_etc_files(
                pod_ip=pod_ip,
                hostname=hostname,
                namespace=spec.namespace,
                subdomain=spec.subdomain,
                host_aliases=spec.host_aliases,
                dns=spec.dns,
                host_resolv=env.host_resolv,
                slirp_dns=dns_server,
                cluster_dns=cluster_dns,
            )
            etc = write_etc_files(rundir / "etc", files)
            # Step 8
            state = SandboxState(
                uid=spec.uid,
                pause=pause,
                slirp=slirp,
                runtime_dir=str(rundir),
                cgroup_path=str(cgroup_path) if cgroup_path else None,
                pod_ip=pod_ip,
                gateway=gateway,
                dns_server=dns_server,
                etc=etc,
                forwards=forwards,
                warnings=warnings,
                not_enforced=not_enforced,
                slirp_options=slirp_options if slirp is not None else None,
                network_api_socket=net.api_socket if net is not None else None,
                network_holder=net.holder if net is not None else None,
            )
            write_atomic(rundir / STATE_FILE, msgspec.json.encode(state))
            (rundir / PARTIAL_FILE).unlink(missing_ok=True)  # the state file says it all now
        except BaseException as exc:
            # Shielded: a second cancellation must not cut the rollback short.
            await asyncio.shield(stack.aclose())
            for failure in undo.failures:
                exc.add_note(f"rollback: {failure}")
            if isinstance(exc, OSError):  # callers handle SandboxError only
                raise SandboxError(f"creating sandbox {spec.uid}: {exc}") from exc
            raise
        stack.pop_all()
        return state


async def _pause_and_slirp(
    env: SandboxEnv,
    rundir: Path,
    hostname: str,
    infra: Path | None,
    options: SlirpOptions,
    undo: _Undo,
) -> tuple[PauseHandle, SlirpHandle]:
    """The pause, then the pod's own slirp4netns tied to it by an exit pipe."""
    exit_r, exit_w = os.pipe()
    try:

        async def on_userns(pid: int) -> None:
            await write_id_maps(pid, env.id_mapping, env.id_tools, env.proc_root)

        pause = await start_pause(
            env.pause,
            hostname=hostname,
            on_userns=on_userns,
            keep_fd=exit_w,
            cgroup=infra,
            timeout=env.start_timeout,
            proc_root=env.proc_root,
        )
        undo.push("stop pause", stop, pause, env.stop_timeout, env.proc_root)
        _write_partial(rundir, PartialSandbox(pause=pause.ref))
        os.close(exit_w)
        exit_w = -1
        slirp = await start_slirp(
            env.pause,
            env.slirp4netns,
            pause.pid,
            api_socket=rundir / "slirp.sock",
            log_path=rundir / "slirp.log",
            exit_fd=exit_r,
            options=options,
            cgroup=infra,
            timeout=env.start_timeout,
            proc_root=env.proc_root,
        )
    finally:
        os.close(exit_r)
        if exit_w >= 0:
            os.close(exit_w)
    undo.push("stop slirp4netns", stop_slirp, slirp, env.stop_timeout, env.proc_root)
    _write_partial(rundir, PartialSandbox(pause=pause.ref, slirp=slirp.ref))
    return pause, slirp


def _write_partial(rundir: Path, partial: PartialSandbox) -> None:
    write_atomic(rundir / PARTIAL_FILE, msgspec.json.encode(partial))


def load_state(env: SandboxEnv, uid: str) -> SandboxState | None:
    """The state file of sandbox ``uid``, if one was completed."""
    try:
        return msgspec.json.decode(
            (env.sandbox_dir(uid) / STATE_FILE).read_bytes(), type=SandboxState
        )
    except (FileNotFoundError, msgspec.DecodeError):
        return None
