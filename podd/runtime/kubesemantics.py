"""Kubernetes container semantics over an image config (pure).

:func:`resolve_settings` does what the kubelet and a CRI runtime do between
a pod spec and an OCI process:

* **argv** — ``command`` replaces the image Entrypoint *and* drops its Cmd;
  ``args`` replaces Cmd; both are ``$(VAR)``-expanded against the
  container's own variables (env/envFrom, not the image's Env);
* **env** — :mod:`podd.runtime.envvars`, merged over the image's Env; like
  containerd and CRI-O, ``PATH`` gets a default when neither defines it,
  ``HOSTNAME`` is the pod's hostname and ``TERM=xterm`` is set with a tty;
* **workingDir** over the image's WorkingDir (default ``/``);
* **user** — runAsUser/runAsGroup (container over pod) over the image's
  USER (names from the image's /etc/passwd and /etc/group); additional
  gids: the user's /etc/group memberships, supplementalGroups, fsGroup;
  runAsNonRoot checked with the kubelet's messages;
* **security** — capabilities (default set, drop, add), noNewPrivileges =
  ``not allowPrivilegeEscalation`` when that is set, else false (the
  Kubernetes rule; privileged containers are refused — rootless cannot
  honour them), readOnlyRootFilesystem, seccompProfile (container over pod;
  unset = the runtime default profile), procMount;
* **stop signal** — lifecycle.stopSignal, else the image's StopSignal,
  else SIGTERM.

:func:`plan_container` then adds what the sandbox and the node decide
(namespaces, rootfs, /etc files, mounts, seccomp rules, rlimits).
"""

from __future__ import annotations

import signal
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import msgspec

from podd.images.manifest import ContainerConfig
from podd.model.container import Container, SecurityContext
from podd.model.pod import Pod, PodSecurityContext
from podd.runtime import capabilities as caps
from podd.runtime.envvars import EnvSources, make_env, merge_image_env
from podd.runtime.errors import CreateContainerConfigError, CreateContainerError
from podd.runtime.expansion import expand, mapping_for
from podd.runtime.mounts import MountRequest
from podd.runtime.ocispec import (
    DEFAULT_MASKED_PATHS,
    DEFAULT_READONLY_PATHS,
    BindMount,
    ContainerPlan,
    EtcFiles,
    PodNamespaces,
)
from podd.runtime.seccomp import to_oci
from podd.runtime.users import ImageUsers, UserIds, resolve_user

__all__ = [
    "DEFAULT_PATH",
    "ContainerSettings",
    "SeccompChoice",
    "build_argv",
    "parse_signal",
    "plan_container",
    "resolve_settings",
]

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class SeccompChoice(msgspec.Struct, frozen=True):
    """``Unconfined``, ``RuntimeDefault`` or ``Localhost`` (with its profile path)."""

    type: Literal["Unconfined", "RuntimeDefault", "Localhost"] = "RuntimeDefault"
    localhost_profile: str | None = None


class ContainerSettings(msgspec.Struct, frozen=True, kw_only=True):
    """The Kubernetes-derived part of a container's plan."""

    args: list[str]
    env: list[str]
    cwd: str
    user: UserIds
    capabilities: list[str]
    no_new_privileges: bool
    readonly_rootfs: bool
    terminal: bool
    seccomp: SeccompChoice
    unmasked: bool
    stop_signal: str
    mounts: list[MountRequest]
    sysctls: dict[str, str] = {}
    warnings: list[str] = []


def build_argv(
    command: Sequence[str] | None,
    args: Sequence[str] | None,
    entrypoint: Sequence[str] | None,
    cmd: Sequence[str] | None,
    env: Mapping[str, str],
) -> list[str]:
    """The process argv: command/args over Entrypoint/Cmd, ``$(VAR)``-expanded."""
    lookup = mapping_for(env)
    if command:
        head, tail = [expand(c, lookup) for c in command], [expand(a, lookup) for a in args or ()]
    else:
        head = list(entrypoint or ())
        tail = [expand(a, lookup) for a in args] if args else list(cmd or ())
    return head + tail


def parse_signal(name: str | None, default: str = "SIGTERM") -> str:
    """``"TERM"``, ``"SIGTERM"``, ``"15"`` → ``"SIGTERM"``; unknown → error."""
    if not name:
        return default
    text = name.strip().upper()
    if text.isdigit():
        try:
            return signal.Signals(int(text)).name
        except ValueError as exc:
            raise CreateContainerError(f"invalid stop signal {name!r}") from exc
    if not text.startswith("SIG"):
        text = "SIG" + text
    if text not in signal.Signals.__members__:
        raise CreateContainerError(f"invalid stop signal {name!r}")
    return text


def _pod_ref(pod: Pod) -> str:
    m = pod.metadata
    return f"{m.name}_{m.namespace or 'default'}({m.uid or ''})"


def _image_uid(image_user: str | None) -> tuple[int | None, str]:
    """CRI ImageStatus semantics: (uid, username); an empty USER is uid 0."""
    user = (image_user or "").partition(":")[0]
    if not user:
        return 0, ""
    return (int(user), "") if user.isdigit() else (None, user)


def _check_non_root(
    pod: Pod, container: Container, non_root: bool, run_as_user: int | None, image_user: str | None
) -> None:
    """kubelet ``verifyRunAsNonRoot``."""
    if not non_root:
        return
    where = f'(pod: "{_pod_ref(pod)}", container: {container.name})'
    if run_as_user is not None:
        if run_as_user == 0:
            raise CreateContainerConfigError(
                f"container's runAsUser breaks non-root policy {where}"
            )
        return
    uid, username = _image_uid(image_user)
    if uid == 0:
        raise CreateContainerConfigError(
            f"container has runAsNonRoot and image will run as root {where}"
        )
    if uid is None:
        raise CreateContainerConfigError(
            f"container has runAsNonRoot and image has non-numeric user ({username}), "
            f"cannot verify user is non-root {where}"
        )


def _pick(sc: SecurityContext | None, psc: PodSecurityContext | None, name: str) -> Any:
    value = getattr(sc, name, None) if sc is not None else None
    if value is None and psc is not None:
        value = getattr(psc, name, None)
    return value


def _mount_requests(container: Container, env: Mapping[str, str]) -> list[MountRequest]:
    out: list[MountRequest] = []
    for vm in container.volume_mounts or ():
        sub = vm.sub_path or ""
        if vm.sub_path_expr:
            sub = expand(vm.sub_path_expr, mapping_for(env))
        out.append(MountRequest(vm.name, vm.mount_path, sub, bool(vm.read_only)))
    return out


def resolve_settings(
    pod: Pod,
    container: Container,
    image: ContainerConfig,
    users: ImageUsers,
    sources: EnvSources,
    *,
    hostname: str = "",
    available_caps: Sequence[str] = caps.ALL_CAPABILITIES,
) -> ContainerSettings:
    """Kubernetes semantics of ``container`` in ``pod`` over ``image``.

    Raises CreateContainerConfigError (env sources, runAsNonRoot) or
    CreateContainerError (privileged, no command, unknown user/group/capability).
    """
    sc, psc = container.security_context, pod.spec.security_context
    if sc is not None and sc.privileged:
        raise CreateContainerError(
            "privileged containers are not supported: a rootless runtime cannot grant "
            "host privileges"
        )
    namespace = pod.metadata.namespace or "default"
    env, warnings = make_env(container, sources, namespace)
    argv = build_argv(container.command, container.args, image.entrypoint, image.cmd, env)
    if not argv:
        raise CreateContainerError("no command specified: the image has no Entrypoint or Cmd")
    run_as_user = _pick(sc, psc, "run_as_user")
    run_as_group = _pick(sc, psc, "run_as_group")
    _check_non_root(
        pod, container, bool(_pick(sc, psc, "run_as_non_root")), run_as_user, image.user
    )
    supplemental = list((psc.supplemental_groups or []) if psc else [])
    if psc is not None and psc.fs_group is not None:
        supplemental.append(psc.fs_group)
    user = resolve_user(
        image.user,
        users,
        run_as_user=run_as_user,
        run_as_group=run_as_group,
        supplemental_groups=supplemental,
    )
    final_env = merge_image_env(image.env, env)
    names = {item.partition("=")[0] for item in final_env}
    if "PATH" not in names:
        final_env.insert(0, f"PATH={DEFAULT_PATH}")
    if hostname and "HOSTNAME" not in names:
        final_env.append(f"HOSTNAME={hostname}")
    if container.tty and "TERM" not in names:
        final_env.append("TERM=xterm")
    cap_spec = sc.capabilities if sc is not None else None
    capabilities = caps.compute_capabilities(
        cap_spec.add if cap_spec else None,
        cap_spec.drop if cap_spec else None,
        available=available_caps,
    )
    ape = sc.allow_privilege_escalation if sc is not None else None
    profile = _pick(sc, psc, "seccomp_profile")
    seccomp = SeccompChoice()
    if profile is not None and profile.type:
        if profile.type not in ("Unconfined", "RuntimeDefault", "Localhost"):
            raise CreateContainerConfigError(f"unknown seccompProfile type {profile.type!r}")
        seccomp = SeccompChoice(profile.type, profile.localhost_profile)
    lifecycle_signal = container.lifecycle.stop_signal if container.lifecycle else None
    sysctls = {s.name: s.value for s in (psc.sysctls or [])} if psc is not None else {}
    return ContainerSettings(
        args=argv,
        env=final_env,
        cwd=container.working_dir or image.working_dir or "/",
        user=user,
        capabilities=capabilities,
        no_new_privileges=ape is not None and not ape,
        readonly_rootfs=bool(sc.read_only_root_filesystem) if sc is not None else False,
        terminal=bool(container.tty),
        seccomp=seccomp,
        unmasked=sc is not None and sc.proc_mount == "Unmasked",
        stop_signal=parse_signal(lifecycle_signal or image.stop_signal),
        mounts=_mount_requests(container, env),
        sysctls=sysctls,
        warnings=warnings,
    )


def plan_container(
    settings: ContainerSettings,
    *,
    rootfs: str,
    namespaces: PodNamespaces,
    etc: EtcFiles | None = None,
    mounts: Sequence[BindMount] = (),
    seccomp_profile: Mapping[str, Any] | None = None,
    seccomp_sub_arches: bool = True,
    cgroups_path: str | None = None,
    nofile: int = 1048576,
    devpts_gid5: bool = True,
    annotations: Mapping[str, str] | None = None,
) -> ContainerPlan:
    """The full plan: ``settings`` plus the sandbox's and the node's part.

    ``seccomp_profile`` is the parsed profile to apply (the runtime default
    or a Localhost one, as ``settings.seccomp`` chose), None for unconfined;
    ``seccomp_sub_arches`` keeps the profile's secondary architectures.
    """
    seccomp = None
    if settings.seccomp.type != "Unconfined" and seccomp_profile is not None:
        seccomp = to_oci(seccomp_profile, settings.capabilities, sub_arches=seccomp_sub_arches)
    return ContainerPlan(
        args=list(settings.args),
        env=list(settings.env),
        cwd=settings.cwd,
        user=settings.user,
        capabilities=list(settings.capabilities),
        no_new_privileges=settings.no_new_privileges,
        readonly_rootfs=settings.readonly_rootfs,
        rootfs=rootfs,
        namespaces=namespaces,
        terminal=settings.terminal,
        etc=etc or EtcFiles(),
        mounts=list(mounts),
        masked_paths=[] if settings.unmasked else list(DEFAULT_MASKED_PATHS),
        readonly_paths=[] if settings.unmasked else list(DEFAULT_READONLY_PATHS),
        seccomp=seccomp,
        cgroups_path=cgroups_path,
        nofile=nofile,
        devpts_gid5=devpts_gid5,
        sysctls=dict(settings.sysctls),
        annotations=dict(annotations or {}),
    )
