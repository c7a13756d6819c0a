"""Pod rules: ValidatePodCreate / ValidatePodSpec, plus what rootless podd cannot honour."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.names import (
    is_dns1123_label,
    is_dns1123_subdomain,
    is_ip,
    is_qualified_name,
    is_sysctl_name,
)
from podd.model.pod import Pod, PodDNSConfig, PodSecurityContext, PodSpec, Toleration
from podd.model.validation.container import (
    validate_container_list,
    validate_profile,
    validate_user_id,
)
from podd.model.validation.ephemeral import validate_ephemeral_containers
from podd.model.validation.meta import (
    dns1123_subdomain_name,
    validate_labels,
    validate_object_meta,
)
from podd.model.validation.volume import validate_volumes

__all__ = ["ValidationOptions", "validate_pod", "validate_pod_spec", "validate_tolerations"]

_RESTART_POLICIES = ("Always", "Never", "OnFailure")
_DNS_POLICIES = ("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")
_FS_GROUP_CHANGE_POLICIES = ("Always", "OnRootMismatch")
_SUPPLEMENTAL_GROUPS_POLICIES = ("Merge", "Strict")
_PREEMPTION_POLICIES = ("Never", "PreemptLowerPriority")
_TOLERATION_OPERATORS = ("Equal", "Exists")
_TAINT_EFFECTS = ("NoExecute", "NoSchedule", "PreferNoSchedule")
_MAX_INT32 = 2147483647
_MAX_NAMESERVERS = 3
_MAX_SEARCHES = 32
_MAX_SEARCH_CHARS = 2048


class ValidationOptions(msgspec.Struct, frozen=True):
    """What the host allows; the API builds this once from ``/podd/v1/info`` facts.

    ``rootless``: podd runs as an unprivileged user (privileged containers,
    hostPID and hostIPC are refused). ``unprivileged_port_start``: the lowest
    host port an unprivileged process may bind
    (``net.ipv4.ip_unprivileged_port_start``); host ports below it are refused
    when rootless. ``max_containers``: app, init and ephemeral containers of
    one pod together. runc takes one kernel keyring per running container
    from the user's quota (``/proc/sys/kernel/keys/maxkeys``, 200 by default,
    shared by every pod of the user): 64 is more than real pods use and
    leaves room for three full pods.
    """

    rootless: bool = True
    unprivileged_port_start: int = 1024
    max_containers: int = 64


DEFAULT_OPTIONS = ValidationOptions()


def validate_pod(
    pod: Pod, opts: ValidationOptions = DEFAULT_OPTIONS, *, for_update: bool = False
) -> list[StatusCause]:
    """Every problem with a pod about to be stored (call after ``default_pod``).

    Unset fields that defaulting would fill (restartPolicy, protocol ...) are
    accepted, so the result does not depend on whether defaults were applied.
    ``for_update`` leaves out the create-only rule (no ephemeral containers).
    """
    errs = validate_object_meta(
        pod.metadata, requires_namespace=True, name_fn=dns1123_subdomain_name
    )
    errs.extend(validate_pod_spec(pod.spec, Path("spec"), opts))
    if pod.spec.ephemeral_containers and not for_update:
        errs.append(f.forbidden(Path("spec.ephemeralContainers"), "cannot be set on create"))
    return errs


def validate_pod_spec(
    spec: PodSpec, path: Path, opts: ValidationOptions = DEFAULT_OPTIONS
) -> list[StatusCause]:
    too_many = _validate_container_count(spec, path, opts.max_containers)
    if too_many:
        return too_many  # not thousands of containers checked one by one
    errs, volume_names = validate_volumes(spec.volumes or (), path.child("volumes"))
    grace = spec.termination_grace_period_seconds
    grace_period = grace if grace is not None and grace >= 0 else 30
    names: set[str] = set()
    if not spec.containers:
        errs.append(f.required(path.child("containers")))
    errs.extend(
        validate_container_list(
            spec.containers,
            path.child("containers"),
            init=False,
            volumes=volume_names,
            names=names,
            grace_period=grace_period,
        )
    )
    errs.extend(
        validate_container_list(
            spec.init_containers or (),
            path.child("initContainers"),
            init=True,
            volumes=volume_names,
            names=names,
            grace_period=grace_period,
        )
    )
    errs.extend(
        validate_ephemeral_containers(
            spec,
            path.child("ephemeralContainers"),
            volumes=volume_names,
            names=names,
            grace_period=grace_period,
        )
    )
    errs.extend(_validate_host_ports(spec, path))
    errs.extend(_validate_scalars(spec, path))
    if spec.security_context is not None:
        errs.extend(
            _validate_pod_security_context(spec.security_context, path.child("securityContext"))
        )
    if spec.share_process_namespace and spec.host_pid:
        detail = "ShareProcessNamespace and HostPID cannot both be enabled"
        errs.append(f.invalid(path.child("shareProcessNamespace"), True, detail))
    errs.extend(validate_labels(spec.node_selector, path.child("nodeSelector")))
    errs.extend(validate_tolerations(spec.tolerations or (), path.child("tolerations")))
    errs.extend(_validate_dns(spec, path))
    errs.extend(_validate_lists(spec, path))
    errs.extend(_validate_rootless(spec, path, opts))
    return errs


def _validate_container_count(spec: PodSpec, path: Path, limit: int) -> list[StatusCause]:
    """The cap on containers per pod, named on the list that crosses it."""
    total = 0
    for wire, ctrs in (
        ("containers", spec.containers),
        ("initContainers", spec.init_containers or ()),
        ("ephemeralContainers", spec.ephemeral_containers or ()),
    ):
        total += len(ctrs)
        if total > limit:
            cause = f.too_many(path.child(wire), total, limit)
            together = " (containers, initContainers and ephemeralContainers together)"
            return [msgspec.structs.replace(cause, message=f"{cause.message}{together}")]
    return []


def _validate_scalars(spec: PodSpec, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if spec.restart_policy is not None and spec.restart_policy not in _RESTART_POLICIES:
        errs.append(
            f.not_supported(path.child("restartPolicy"), spec.restart_policy, _RESTART_POLICIES)
        )
    if spec.dns_policy is not None and spec.dns_policy not in _DNS_POLICIES:
        errs.append(f.not_supported(path.child("dnsPolicy"), spec.dns_policy, _DNS_POLICIES))
    tgps = spec.termination_grace_period_seconds
    if tgps is not None and tgps < 0:
        errs.append(
            f.invalid(
                path.child("terminationGracePeriodSeconds"),
                tgps,
                "must be greater than or equal to 0",
            )
        )
    ads = spec.active_deadline_seconds
    if ads is not None and not 1 <= ads <= _MAX_INT32:
        detail = f"must be between 1 and {_MAX_INT32}, inclusive"
        errs.append(f.invalid(path.child("activeDeadlineSeconds"), ads, detail))
    for wire, value in (("hostname", spec.hostname), ("subdomain", spec.subdomain)):
        if value:
            errs.extend(f.invalid(path.child(wire), value, m) for m in is_dns1123_label(value))
    for wire, value in (
        ("serviceAccountName", spec.service_account_name),
        ("nodeName", spec.node_name),
        ("priorityClassName", spec.priority_class_name),
        ("runtimeClassName", spec.runtime_class_name),
        ("schedulerName", spec.scheduler_name),
    ):
        if value:
            errs.extend(f.invalid(path.child(wire), value, m) for m in is_dns1123_subdomain(value))
    if spec.preemption_policy is not None and spec.preemption_policy not in _PREEMPTION_POLICIES:
        errs.append(
            f.not_supported(
                path.child("preemptionPolicy"), spec.preemption_policy, _PREEMPTION_POLICIES
            )
        )
    if spec.os is not None and spec.os.name != "linux":
        if not spec.os.name:
            errs.append(f.required(path.child("os").child("name")))
        else:
            errs.append(
                f.forbidden(path.child("os").child("name"), "podd runs Linux containers only")
            )
    return errs


def _validate_lists(spec: PodSpec, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, secret in enumerate(spec.image_pull_secrets or ()):
        if not secret.name:
            errs.append(f.required(path.child("imagePullSecrets").index(i).child("name")))
    for i, alias in enumerate(spec.host_aliases or ()):
        idx = path.child("hostAliases").index(i)
        errs.extend(f.invalid(idx.child("ip"), alias.ip, m) for m in is_ip(alias.ip))
        for j, hostname in enumerate(alias.hostnames or ()):
            errs.extend(
                f.invalid(idx.child("hostnames").index(j), hostname, m)
                for m in is_dns1123_subdomain(hostname)
            )
    for i, gate in enumerate(spec.readiness_gates or ()):
        gpath = path.child("readinessGates").index(i).child("conditionType")
        errs.extend(
            f.invalid(gpath, gate.condition_type, m) for m in is_qualified_name(gate.condition_type)
        )
    seen: set[str] = set()
    for i, sgate in enumerate(spec.scheduling_gates or ()):
        gpath = path.child("schedulingGates").index(i)
        errs.extend(f.invalid(gpath, sgate.name, m) for m in is_qualified_name(sgate.name))
        if sgate.name in seen:
            errs.append(f.duplicate(gpath, sgate.name))
        seen.add(sgate.name)
    return errs


def _validate_host_ports(spec: PodSpec, path: Path) -> list[StatusCause]:
    """hostPort/protocol/hostIP unique in the pod; with hostNetwork, hostPort = containerPort."""
    errs: list[StatusCause] = []
    seen: set[str] = set()
    for wire, ctrs in (
        ("containers", spec.containers),
        ("initContainers", spec.init_containers or ()),
    ):
        for i, ctr in enumerate(ctrs):
            for j, port in enumerate(ctr.ports or ()):
                idx = path.child(wire).index(i).child("ports").index(j)
                if spec.host_network and port.host_port and port.host_port != port.container_port:
                    detail = "must match `hostPort` when `hostNetwork` is true"
                    errs.append(f.invalid(idx.child("containerPort"), port.container_port, detail))
                host_port = port.host_port or (port.container_port if spec.host_network else 0)
                if not host_port:
                    continue
                key = f"{port.protocol or 'TCP'}/{port.host_ip or ''}/{host_port}"
                if key in seen:
                    errs.append(f.duplicate(idx.child("hostPort"), key))
                seen.add(key)
    return errs


def _validate_rootless(spec: PodSpec, path: Path, opts: ValidationOptions) -> list[StatusCause]:
    if not opts.rootless:
        return []
    errs: list[StatusCause] = []
    if spec.host_pid:
        detail = "sharing the host's PID namespace is not supported by rootless podd"
        errs.append(f.forbidden(path.child("hostPID"), detail))
    if spec.host_ipc:
        detail = "sharing the host's IPC namespace is not supported by rootless podd"
        errs.append(f.forbidden(path.child("hostIPC"), detail))
    start = opts.unprivileged_port_start
    for wire, ctrs in (
        ("containers", spec.containers),
        ("initContainers", spec.init_containers or ()),
    ):
        for i, ctr in enumerate(ctrs):
            for j, port in enumerate(ctr.ports or ()):
                idx = path.child(wire).index(i).child("ports").index(j)
                if port.host_port:
                    host_port, port_path = port.host_port, idx.child("hostPort")
                elif spec.host_network:
                    host_port, port_path = port.container_port, idx.child("containerPort")
                else:
                    continue
                if 0 < host_port < start:
                    detail = (
                        f"rootless podd cannot bind host port {host_port}: ports below {start} "
                        "need privileges (net.ipv4.ip_unprivileged_port_start)"
                    )
                    errs.append(f.forbidden(port_path, detail))
    return errs


def _validate_pod_security_context(sc: PodSecurityContext, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    errs.extend(validate_user_id(sc.run_as_user, path.child("runAsUser")))
    errs.extend(validate_user_id(sc.run_as_group, path.child("runAsGroup")))
    errs.extend(validate_user_id(sc.fs_group, path.child("fsGroup")))
    for i, gid in enumerate(sc.supplemental_groups or ()):
        errs.extend(validate_user_id(gid, path.child("supplementalGroups").index(i)))
    sgp = sc.supplemental_groups_policy
    if sgp is not None and sgp not in _SUPPLEMENTAL_GROUPS_POLICIES:
        errs.append(
            f.not_supported(
                path.child("supplementalGroupsPolicy"), sgp, _SUPPLEMENTAL_GROUPS_POLICIES
            )
        )
    fcp = sc.fs_group_change_policy
    if fcp is not None and fcp not in _FS_GROUP_CHANGE_POLICIES:
        errs.append(
            f.not_supported(path.child("fsGroupChangePolicy"), fcp, _FS_GROUP_CHANGE_POLICIES)
        )
    seen: set[str] = set()
    for i, sysctl in enumerate(sc.sysctls or ()):
        idx = path.child("sysctls").index(i)
        if not sysctl.name:
            errs.append(f.required(idx.child("name")))
        else:
            errs.extend(
                f.invalid(idx.child("name"), sysctl.name, m) for m in is_sysctl_name(sysctl.name)
            )
            if sysctl.name in seen:
                errs.append(f.duplicate(idx.child("name"), sysctl.name))
            seen.add(sysctl.name)
    errs.extend(
        validate_profile(sc.seccomp_profile, path.child("seccompProfile"), "seccompProfile")
    )
    errs.extend(
        validate_profile(sc.app_armor_profile, path.child("appArmorProfile"), "appArmorProfile")
    )
    return errs


def validate_tolerations(tolerations: Sequence[Toleration], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, tol in enumerate(tolerations):
        idx = path.index(i)
        if tol.key:
            errs.extend(f.invalid(idx.child("key"), tol.key, m) for m in is_qualified_name(tol.key))
        operator = tol.operator or "Equal"
        if not tol.key and operator != "Exists":
            detail = (
                "operator must be Exists when `key` is empty, "
                'which means "match all values and all keys"'
            )
            errs.append(f.invalid(idx.child("operator"), tol.operator, detail))
        if tol.toleration_seconds is not None and tol.effect != "NoExecute":
            detail = "effect must be 'NoExecute' when `tolerationSeconds` is set"
            errs.append(f.invalid(idx.child("effect"), tol.effect, detail))
        if operator not in _TOLERATION_OPERATORS:
            errs.append(f.not_supported(idx.child("operator"), tol.operator, _TOLERATION_OPERATORS))
        elif operator == "Exists" and tol.value:
            detail = "value must be empty when `operator` is 'Exists'"
            errs.append(f.invalid(idx.child("operator"), tol.operator, detail))
        if tol.effect and tol.effect not in _TAINT_EFFECTS:
            errs.append(f.not_supported(idx.child("effect"), tol.effect, _TAINT_EFFECTS))
    return errs


def _validate_dns(spec: PodSpec, path: Path) -> list[StatusCause]:
    cfg: PodDNSConfig | None = spec.dns_config
    cfg_path = path.child("dnsConfig")
    if cfg is None:
        if spec.dns_policy == "None":
            return [f.required(cfg_path, "must provide `dnsConfig` when `dnsPolicy` is None")]
        return []
    errs: list[StatusCause] = []
    nameservers = cfg.nameservers or []
    if spec.dns_policy == "None" and not nameservers:
        detail = "must provide at least one DNS nameserver when `dnsPolicy` is None"
        errs.append(f.required(cfg_path.child("nameservers"), detail))
    if len(nameservers) > _MAX_NAMESERVERS:
        detail = f"must not have more than {_MAX_NAMESERVERS} nameservers"
        errs.append(f.invalid(cfg_path.child("nameservers"), nameservers, detail))
    for i, ns in enumerate(nameservers):
        errs.extend(f.invalid(cfg_path.child("nameservers").index(i), ns, m) for m in is_ip(ns))
    searches = cfg.searches or []
    if len(searches) > _MAX_SEARCHES:
        detail = f"must not have more than {_MAX_SEARCHES} search paths"
        errs.append(f.invalid(cfg_path.child("searches"), searches, detail))
    if len(" ".join(searches)) > _MAX_SEARCH_CHARS:
        detail = (
            f"must not have more than {_MAX_SEARCH_CHARS} characters "
            "(including spaces) in the search list"
        )
        errs.append(f.invalid(cfg_path.child("searches"), searches, detail))
    for i, search in enumerate(searches):
        domain = search.removesuffix(".")
        errs.extend(
            f.invalid(cfg_path.child("searches").index(i), search, m)
            for m in is_dns1123_subdomain(domain)
        )
    for i, option in enumerate(cfg.options or ()):
        if not option.name:
            errs.append(
                f.required(cfg_path.child("options").index(i), "Option.Name must not be empty")
            )
    return errs
