"""A container's life: create, start, remove (observe: status.py; stop:
stop.py; exec: exec.py).

Each function takes the :class:`~podd.runtime.env.RuntimeEnv` and a
:class:`~podd.runtime.state.ContainerHandle` (or what makes one) and never
blocks the event loop: helpers are subprocesses waited for through pidfds
or pipes, exits through inotify.

Runtime commands run in the pod's namespaces, entered through an *anchor*:
the pause, or — when it is gone but the container is not — the container's
conmon, which sits in the same user and mount namespaces.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

from podd.cdi.spec import ContainerEdits
from podd.images.manifest import ContainerConfig, ImageConfig
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.timeutil import now_rfc3339_micro
from podd.runtime import cgroupleaf, conmon
from podd.runtime.cdiedits import apply_edits
from podd.runtime.env import RuntimeEnv
from podd.runtime.envvars import EnvSources
from podd.runtime.errors import (
    ContainerError,
    ContainerNotFoundError,
    CreateContainerConfigError,
)
from podd.runtime.kubesemantics import ContainerSettings, plan_container, resolve_settings
from podd.runtime.mounts import VolumeSource, resolve_mounts
from podd.runtime.nsjoin import Completed, run_joined
from podd.runtime.oci import classify, delete_argv, start_argv
from podd.runtime.ocispec import EtcFiles, PodNamespaces, build_spec, encode_spec
from podd.runtime.rootfs import prepare_rootfs, rootfs_paths
from podd.runtime.seccomp import load_profile
from podd.runtime.state import (
    ContainerHandle,
    ContainerIntent,
    PodDirs,
    anchor_pid,
    new_container_id,
    save_handle,
    save_intent,
)
from podd.runtime.users import read_image_users
from podd.sandbox import SandboxState
from podd.sandbox.process import is_running, reap_if_exited

__all__ = ["create_container", "remove_container", "start_container"]


async def _runtime(env: RuntimeEnv, anchor: int, argv: list[str]) -> Completed:
    return await run_joined(env.pause, anchor, argv, timeout=env.runtime_timeout)


def _seccomp_profile(env: RuntimeEnv, settings: ContainerSettings) -> Mapping | None:
    choice = settings.seccomp
    if choice.type == "Unconfined":
        return None
    if choice.type == "RuntimeDefault":
        return env.seccomp_profile
    if env.seccomp_dir is None or not choice.localhost_profile:
        raise CreateContainerConfigError("seccompProfile Localhost: no profile directory is set")
    base = env.seccomp_dir.resolve()
    path = (base / choice.localhost_profile).resolve()
    if not path.is_relative_to(base):
        raise CreateContainerConfigError(
            f"seccompProfile {choice.localhost_profile!r} is outside {base}"
        )
    found = load_profile([path])
    if found is None:
        raise CreateContainerConfigError(f"seccomp profile {path} not found")
    return found[1]


def _mountinfo(env: RuntimeEnv, pid: int) -> str:
    try:
        return (env.proc_root / str(pid) / "mountinfo").read_text()
    except OSError:
        return ""


async def create_container(
    env: RuntimeEnv,
    sandbox: SandboxState,
    pod: Pod,
    container: Container,
    image: ImageConfig | ContainerConfig,
    layer_dirs: Sequence[str | Path],
    *,
    sources: EnvSources,
    log_path: str | Path,
    volumes: Mapping[str, VolumeSource] | None = None,
    restart_count: int = 0,
    pid_namespace: str | None = None,
    devices: ContainerEdits | None = None,
) -> ContainerHandle:
    """Create (not start) one container of a running sandbox.

    Step 1  Kubernetes semantics over the image (env, argv, user, security)
    Step 2  the bundle dir ``<pod runtime dir>/containers/<id>`` and log dir
    Step 3  the rootfs (overlay in the pod's mount ns, or a copy), reused
            across restarts of the same container name
    Step 4  volume mounts (subPath resolved), then ``config.json``
    Step 5  a fresh cgroup leaf with the container's limits (a warning for
            each one that cannot be enforced); conmon born in it runs
            ``<runtime> create``
    Step 6  the handle is persisted and returned

    ``layer_dirs`` are the image's layers, top first
    (``ImageManager.layer_dirs``). On failure everything but the rootfs is
    undone. ``pid_namespace`` (``/proc/<pid>/ns/pid``): the PID namespace to
    join instead of the pod's (an ephemeral container's target container).
    ``devices``: the CDI edits of the container's devices.
    Raises ContainerError subclasses (see errors.py).
    """
    config = image.config if isinstance(image, ImageConfig) else image
    runtime = env.runtime_for(pod.spec.runtime_class_name)
    proc = env.proc_root
    if not is_running(sandbox.pause.ref, proc):
        raise ContainerError(f"the pod's sandbox is gone (pause {sandbox.pause.pid})")
    anchor = sandbox.pause.pid
    # Step 1
    lowers = [str(p) for p in layer_dirs]
    users = await asyncio.to_thread(read_image_users, lowers)
    settings = resolve_settings(
        pod, container, config, users, sources,
        hostname=sandbox.pause.hostname, available_caps=env.available_caps,
    )  # fmt: skip
    profile = _seccomp_profile(env, settings)
    # Step 2
    dirs = PodDirs(sandbox.runtime_dir)
    cid = new_container_id()
    bundle = dirs.bundle(cid)
    bundle.mkdir(parents=True)
    leaf: Path | None = None
    launching = False
    warnings = list(settings.warnings)
    try:
        (bundle / "persist").mkdir()
        env.exits_dir.mkdir(parents=True, exist_ok=True)
        dirs.runc_root.mkdir(exist_ok=True)
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        # Step 3
        storage = env.storage_for(sandbox.uid)
        mode = await env.rootfs_mode(anchor, Path(sandbox.runtime_dir), sandbox.uid)
        paths = rootfs_paths(dirs, storage, container.name)
        rootfs = await prepare_rootfs(
            env.pause, anchor, "copy" if mode.mode == "copy" else "overlay", lowers, paths
        )
        # Step 4
        mountinfo = _mountinfo(env, anchor)
        mounts = resolve_mounts(
            settings.mounts, volumes or {}, container=container.name, mountinfo=mountinfo
        )
        share_pid = bool(pod.spec.share_process_namespace)
        namespaces = PodNamespaces.of_pause(anchor, share_pid, str(proc))
        if pid_namespace is not None:
            namespaces = msgspec.structs.replace(namespaces, pid=pid_namespace)
        cg = (  # the container's cgroups; cgroupsPath where the runtime takes one
            cgroupleaf.container_cgroup(sandbox.cgroup_path, container.name, cid, env.cgroup_mode)
            if sandbox.cgroup_path
            else None
        )
        plan = plan_container(
            settings,
            rootfs=rootfs,
            namespaces=namespaces,
            etc=EtcFiles(sandbox.etc.hosts, sandbox.etc.hostname, sandbox.etc.resolv_conf),
            mounts=mounts,
            seccomp_profile=profile,
            seccomp_sub_arches=env.seccomp_sub_arches,
            nofile=env.nofile,
            devpts_gid5=env.devpts_gid5,
            cgroups_path=cg.cgroups_path if cg else None,
            annotations={
                "io.kubernetes.pod.name": pod.metadata.name or "",
                "io.kubernetes.pod.namespace": pod.metadata.namespace or "default",
                "io.kubernetes.pod.uid": pod.metadata.uid or "",
                "io.kubernetes.container.name": container.name,
            },
        )
        spec = build_spec(plan)
        if devices is not None:  # CDI: device nodes, mounts, env, hooks
            spec = apply_edits(spec, devices, mountinfo=mountinfo)
        (bundle / "config.json").write_bytes(encode_spec(spec))
        # Step 5
        if cg is not None:
            warnings += cgroupleaf.create_leaf(cg)
            leaf = cg.leaf
            memory = cgroupleaf.allocatable_memory(sources.node_allocatable())
            limits = cgroupleaf.container_limits(container, env.memory_qos, memory)
            warnings += cgroupleaf.apply_limits(cg, limits)
        args = conmon.ConmonArgs(
            conmon=str(env.conmon),
            cid=cid,
            name=container.name,
            runtime=runtime.path,
            runtime_root=str(dirs.runc_root),
            bundle=str(bundle),
            log_path=str(log_path),
            exit_dir=str(env.exits_dir),
            persist_dir=str(bundle / "persist"),
            socket_dir=str(bundle),
            log_size_max=env.log_size_max,
            terminal=settings.terminal,
            stdin=bool(container.stdin),
            leave_stdin_open=bool(container.stdin) and not container.stdin_once,
        )
        # The intent first: a podd killed from here on leaves a container
        # that the next one can find and remove (reconcile.py), never adopt.
        save_intent(
            ContainerIntent(
                id=cid,
                name=container.name,
                pod_uid=sandbox.uid,
                restart_count=restart_count,
                runtime_path=runtime.path,
                runtime_root=str(dirs.runc_root),
                bundle=str(bundle),
                exit_file=str(env.exits_dir / cid),
                cgroup=str(leaf) if leaf else None,
                pause=sandbox.pause.ref,
            )
        )
        launching = True
        launched = await conmon.launch(
            env.pause, anchor, args, cgroup=cg.conmon if cg else None, timeout=env.create_timeout
        )
        # Step 6
        handle = ContainerHandle(
            id=cid,
            name=container.name,
            pod_uid=sandbox.uid,
            restart_count=restart_count,
            runtime=runtime.id_prefix,
            runtime_path=runtime.path,
            runtime_root=str(dirs.runc_root),
            bundle=str(bundle),
            rootfs=rootfs,
            log_path=str(log_path),
            exit_file=str(env.exits_dir / cid),
            cgroup=str(leaf) if leaf else None,
            pause=sandbox.pause.ref,
            conmon=launched.conmon,
            init=launched.init,
            stop_signal=settings.stop_signal,
            created_at=now_rfc3339_micro(),
            warnings=warnings,
        )
        save_handle(handle)
        return handle
    except BaseException:
        undo = _undo_create(env, runtime.path, anchor, dirs, cid, leaf, launching)
        await asyncio.shield(undo)
        raise


async def _undo_create(
    env: RuntimeEnv,
    runtime: str,
    anchor: int,
    dirs: PodDirs,
    cid: str,
    leaf: Path | None,
    launched: bool,
) -> None:
    """Rollback of a failed create (never masks the original error)."""
    if launched:  # the runtime may have created it
        with contextlib.suppress(Exception):
            await _runtime(env, anchor, delete_argv(runtime, str(dirs.runc_root), cid))
    if leaf is not None:
        with contextlib.suppress(Exception):
            await cgroupleaf.remove_leaf(leaf, env.kill_timeout)
    shutil.rmtree(dirs.bundle(cid), ignore_errors=True)
    with contextlib.suppress(OSError):
        (env.exits_dir / cid).unlink()


async def start_container(env: RuntimeEnv, handle: ContainerHandle) -> ContainerHandle:
    """``<runtime> start``: the process execs; returns the handle with
    ``started_at`` (persisted)."""
    anchor = anchor_pid(handle, env.proc_root)
    if anchor is None:
        raise ContainerError(f"container {handle.name}: its pod's namespaces are gone")
    done = await _runtime(
        env, anchor, start_argv(handle.runtime_path, handle.runtime_root, handle.id)
    )
    if done.returncode != 0:
        raise classify(done.text, "runtime start")
    started = msgspec.structs.replace(handle, started_at=now_rfc3339_micro())
    save_handle(started)
    return started


async def remove_container(env: RuntimeEnv, handle: ContainerHandle) -> None:
    """Forget a container: ``<runtime> delete --force`` (kills it if it
    still runs), its cgroup leaf (and any stray process in it), its bundle
    and exit file. Its rootfs stays for a restart; its log stays for
    ``previous``. Idempotent."""
    anchor = anchor_pid(handle, env.proc_root)
    if anchor is not None:
        done = await _runtime(
            env, anchor, delete_argv(handle.runtime_path, handle.runtime_root, handle.id)
        )
        if done.returncode != 0:
            err = classify(done.text, "runtime delete")
            if not isinstance(err, ContainerNotFoundError):
                raise err
    if handle.cgroup:
        await cgroupleaf.remove_leaf(handle.cgroup, env.kill_timeout)
    if handle.conmon is not None:
        reap_if_exited(handle.conmon, env.proc_root)
    await asyncio.to_thread(shutil.rmtree, handle.bundle, True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(handle.exit_file)
