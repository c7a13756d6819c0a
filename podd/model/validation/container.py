"""Container rules: names, image, ports, mounts, security context, probes per container type."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Sequence

from podd.model import field as f
from podd.model.container import AppArmorProfile as _AppArmor
from podd.model.container import (
    Container,
    ContainerPort,
    SeccompProfile,
    SecurityContext,
    VolumeDevice,
    VolumeMount,
)
from podd.model.field import Path, StatusCause
from podd.model.names import is_dns1123_label, is_ip, is_valid_port_name
from podd.model.validation.probe import port_range_error, validate_lifecycle, validate_probe
from podd.model.validation.resources import validate_env, validate_env_from, validate_resources

__all__ = [
    "PRIVILEGED_MESSAGE",
    "validate_container_list",
    "validate_local_descending_path",
    "validate_profile",
    "validate_user_id",
]

PRIVILEGED_MESSAGE = "privileged containers are not supported by rootless podd"
_PROTOCOLS = ("SCTP", "TCP", "UDP")
_PULL_POLICIES = ("Always", "IfNotPresent", "Never")
_TERMINATION_MESSAGE_POLICIES = ("FallbackToLogsOnError", "File")
_PROPAGATIONS = ("Bidirectional", "HostToContainer", "None")
_PROFILE_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")
_PROC_MOUNTS = ("Default", "Unmasked")
_MAX_ID = 2147483647


def validate_user_id(value: int | None, path: Path) -> list[StatusCause]:
    if value is not None and not 0 <= value <= _MAX_ID:
        return [f.invalid(path, value, f"must be between 0 and {_MAX_ID}, inclusive")]
    return []


def validate_local_descending_path(value: str, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if posixpath.isabs(value):
        errs.append(f.invalid(path, value, "must be a relative path"))
    if ".." in value.split("/"):
        errs.append(f.invalid(path, value, "must not contain '..'"))
    return errs


def validate_profile(
    profile: SeccompProfile | _AppArmor | None, path: Path, what: str
) -> list[StatusCause]:
    """A seccompProfile or appArmorProfile: type, and localhostProfile only for Localhost."""
    if profile is None:
        return []
    if not profile.type:
        return [f.required(path.child("type"), f"type is required when {what} is set")]
    if profile.type not in _PROFILE_TYPES:
        return [f.not_supported(path.child("type"), profile.type, _PROFILE_TYPES)]
    if profile.type == "Localhost":
        if not profile.localhost_profile:
            detail = f"must be set when {what.removesuffix('Profile')} type is Localhost"
            return [f.required(path.child("localhostProfile"), detail)]
        return validate_local_descending_path(
            profile.localhost_profile, path.child("localhostProfile")
        )
    if profile.localhost_profile is not None:
        detail = f"can only be set when {what.removesuffix('Profile')} type is Localhost"
        return [f.invalid(path.child("localhostProfile"), profile, detail)]
    return []


def _validate_ports(ports: Sequence[ContainerPort], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    names: set[str] = set()
    for i, port in enumerate(ports):
        idx = path.index(i)
        if port.name:
            msgs = is_valid_port_name(port.name)
            if msgs:
                errs.extend(f.invalid(idx.child("name"), port.name, m) for m in msgs)
            elif port.name in names:
                errs.append(f.duplicate(idx.child("name"), port.name))
            names.add(port.name)
        if port.container_port == 0:
            errs.append(f.required(idx.child("containerPort")))
        else:
            errs.extend(
                f.invalid(idx.child("containerPort"), port.container_port, m)
                for m in port_range_error(port.container_port)
            )
        if port.host_port:
            errs.extend(
                f.invalid(idx.child("hostPort"), port.host_port, m)
                for m in port_range_error(port.host_port)
            )
        if port.protocol is not None and port.protocol not in _PROTOCOLS:
            errs.append(f.not_supported(idx.child("protocol"), port.protocol, _PROTOCOLS))
        if port.host_ip:
            errs.extend(
                f.invalid(idx.child("hostIP"), port.host_ip, m) for m in is_ip(port.host_ip)
            )
    return errs


def _validate_mounts(
    mounts: Sequence[VolumeMount], path: Path, volumes: Collection[str], privileged: bool
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    seen: set[str] = set()
    for i, mnt in enumerate(mounts):
        idx = path.index(i)
        if not mnt.name:
            errs.append(f.required(idx.child("name")))
        elif mnt.name not in volumes:
            errs.append(f.not_found(idx.child("name"), mnt.name))
        if not mnt.mount_path:
            errs.append(f.required(idx.child("mountPath")))
        else:
            if not posixpath.isabs(mnt.mount_path):
                errs.append(
                    f.invalid(idx.child("mountPath"), mnt.mount_path, "must be an absolute path")
                )
            if mnt.mount_path in seen:
                errs.append(f.invalid(idx.child("mountPath"), mnt.mount_path, "must be unique"))
            seen.add(mnt.mount_path)
        if mnt.sub_path:
            errs.extend(validate_local_descending_path(mnt.sub_path, idx.child("subPath")))
        if mnt.sub_path_expr:
            if mnt.sub_path:
                errs.append(
                    f.invalid(
                        idx.child("subPathExpr"),
                        mnt.sub_path_expr,
                        "subPathExpr and subPath are mutually exclusive",
                    )
                )
            errs.extend(validate_local_descending_path(mnt.sub_path_expr, idx.child("subPathExpr")))
        prop = mnt.mount_propagation
        if prop is not None:
            if prop not in _PROPAGATIONS:
                errs.append(f.not_supported(idx.child("mountPropagation"), prop, _PROPAGATIONS))
            elif prop == "Bidirectional" and not privileged:
                detail = (
                    "Bidirectional mount propagation is available only to privileged containers"
                )
                errs.append(f.forbidden(idx.child("mountPropagation"), detail))
    return errs


def _validate_devices(
    devices: Sequence[VolumeDevice], path: Path, volumes: Collection[str]
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, dev in enumerate(devices):
        idx = path.index(i)
        if not dev.name:
            errs.append(f.required(idx.child("name")))
        elif dev.name not in volumes:
            errs.append(f.not_found(idx.child("name"), dev.name))
        if not dev.device_path:
            errs.append(f.required(idx.child("devicePath")))
    return errs


def _validate_security_context(sc: SecurityContext, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if sc.privileged:
        errs.append(f.forbidden(path.child("privileged"), PRIVILEGED_MESSAGE))
    errs.extend(validate_user_id(sc.run_as_user, path.child("runAsUser")))
    errs.extend(validate_user_id(sc.run_as_group, path.child("runAsGroup")))
    if sc.proc_mount is not None and sc.proc_mount not in _PROC_MOUNTS:
        errs.append(f.not_supported(path.child("procMount"), sc.proc_mount, _PROC_MOUNTS))
    errs.extend(
        validate_profile(sc.seccomp_profile, path.child("seccompProfile"), "seccompProfile")
    )
    errs.extend(
        validate_profile(sc.app_armor_profile, path.child("appArmorProfile"), "appArmorProfile")
    )
    if sc.allow_privilege_escalation is False:
        if sc.privileged:
            detail = "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"
            errs.append(f.invalid(path, sc, detail))
        if sc.capabilities is not None and "CAP_SYS_ADMIN" in (sc.capabilities.add or ()):
            detail = (
                "cannot set `allowPrivilegeEscalation` to false "
                "and `capabilities.Add` CAP_SYS_ADMIN"
            )
            errs.append(f.invalid(path, sc, detail))
    return errs


def _validate_common(ctr: Container, path: Path, volumes: Collection[str]) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if not ctr.image:
        errs.append(f.required(path.child("image")))
    elif ctr.image.strip() != ctr.image:
        errs.append(
            f.invalid(
                path.child("image"), ctr.image, "must not have leading or trailing whitespace"
            )
        )
    errs.extend(_validate_ports(ctr.ports or (), path.child("ports")))
    errs.extend(validate_env(ctr.env or (), path.child("env")))
    errs.extend(validate_env_from(ctr.env_from or (), path.child("envFrom")))
    privileged = bool(ctr.security_context and ctr.security_context.privileged)
    errs.extend(
        _validate_mounts(ctr.volume_mounts or (), path.child("volumeMounts"), volumes, privileged)
    )
    errs.extend(_validate_devices(ctr.volume_devices or (), path.child("volumeDevices"), volumes))
    if ctr.image_pull_policy is not None and ctr.image_pull_policy not in _PULL_POLICIES:
        errs.append(
            f.not_supported(path.child("imagePullPolicy"), ctr.image_pull_policy, _PULL_POLICIES)
        )
    tmp = ctr.termination_message_policy
    if tmp is not None and tmp not in _TERMINATION_MESSAGE_POLICIES:
        errs.append(
            f.not_supported(
                path.child("terminationMessagePolicy"), tmp, _TERMINATION_MESSAGE_POLICIES
            )
        )
    if ctr.resources is not None:
        errs.extend(validate_resources(ctr.resources, path.child("resources")))
    if ctr.security_context is not None:
        errs.extend(_validate_security_context(ctr.security_context, path.child("securityContext")))
    return errs


def _validate_probes_and_hooks(
    ctr: Container, path: Path, grace_period: int, *, allowed: bool
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    forbidden = "may not be set for init containers without restartPolicy=Always"
    for probe, wire, kind in (
        (ctr.liveness_probe, "livenessProbe", "liveness"),
        (ctr.readiness_probe, "readinessProbe", "readiness"),
        (ctr.startup_probe, "startupProbe", "startup"),
    ):
        if probe is None:
            continue
        if not allowed:
            errs.append(f.forbidden(path.child(wire), forbidden))
        else:
            errs.extend(
                validate_probe(probe, path.child(wire), kind=kind, grace_period=grace_period)
            )
    if ctr.lifecycle is not None:
        if not allowed:
            errs.append(f.forbidden(path.child("lifecycle"), forbidden))
        else:
            errs.extend(validate_lifecycle(ctr.lifecycle, path.child("lifecycle"), grace_period))
    return errs


def validate_container_list(
    ctrs: Sequence[Container],
    path: Path,
    *,
    init: bool,
    volumes: Collection[str],
    names: set[str],
    grace_period: int,
) -> list[StatusCause]:
    """Validate ``spec.containers`` or ``spec.initContainers``.

    ``names`` collects container names across both lists (a name seen
    before is a Duplicate); validate app containers first, as Kubernetes does.
    """
    errs: list[StatusCause] = []
    for i, ctr in enumerate(ctrs):
        idx = path.index(i)
        if not ctr.name:
            errs.append(f.required(idx.child("name")))
        else:
            errs.extend(
                f.invalid(idx.child("name"), ctr.name, m) for m in is_dns1123_label(ctr.name)
            )
            if ctr.name in names:
                errs.append(f.duplicate(idx.child("name"), ctr.name))
            names.add(ctr.name)
        errs.extend(_validate_common(ctr, idx, volumes))
        if init:
            sidecar = ctr.restart_policy == "Always"
            if ctr.restart_policy is not None and not sidecar:
                errs.append(
                    f.not_supported(idx.child("restartPolicy"), ctr.restart_policy, ["Always"])
                )
            errs.extend(_validate_probes_and_hooks(ctr, idx, grace_period, allowed=sidecar))
        else:
            if ctr.restart_policy is not None:
                errs.append(
                    f.forbidden(
                        idx.child("restartPolicy"), "may not be set for non-init containers"
                    )
                )
            errs.extend(_validate_probes_and_hooks(ctr, idx, grace_period, allowed=True))
    return errs
