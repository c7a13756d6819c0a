"""The Pod: ``PodSpec`` (what to run), ``Pod`` and ``PodList``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.container import (
    AppArmorProfile,
    Container,
    EphemeralContainer,
    ResourceList,
    ResourceRequirements,
    SeccompProfile,
    SELinuxOptions,
)
from podd.model.meta import ListMeta, ObjectMeta
from podd.model.podstatus import PodStatus
from podd.model.volume import Volume

__all__ = [
    "HostAlias",
    "LocalObjectReference",
    "Pod",
    "PodDNSConfig",
    "PodDNSConfigOption",
    "PodList",
    "PodOS",
    "PodReadinessGate",
    "PodSchedulingGate",
    "PodSecurityContext",
    "PodSpec",
    "Sysctl",
    "Toleration",
]


class Sysctl(K8sStruct):
    name: str = always("")
    value: str = always("")


class PodSecurityContext(K8sStruct):
    se_linux_options: SELinuxOptions | None = None
    windows_options: dict[str, Any] | None = None
    run_as_user: int | None = None
    run_as_group: int | None = None
    run_as_non_root: bool | None = None
    supplemental_groups: list[int] | None = None
    supplemental_groups_policy: str | None = None
    fs_group: int | None = None
    sysctls: list[Sysctl] | None = None
    fs_group_change_policy: str | None = None
    seccomp_profile: SeccompProfile | None = None
    app_armor_profile: AppArmorProfile | None = None
    se_linux_change_policy: str | None = None


class HostAlias(K8sStruct):
    """An extra ``/etc/hosts`` line: ``ip hostname...``."""

    ip: str = ""
    hostnames: list[str] | None = None


class PodDNSConfigOption(K8sStruct):
    name: str | None = None
    value: str | None = None


class PodDNSConfig(K8sStruct):
    nameservers: list[str] | None = None
    searches: list[str] | None = None
    options: list[PodDNSConfigOption] | None = None


class Toleration(K8sStruct):
    key: str | None = None
    operator: str | None = None
    value: str | None = None
    effect: str | None = None
    toleration_seconds: int | None = None


class LocalObjectReference(K8sStruct):
    name: str | None = None


class PodReadinessGate(K8sStruct):
    condition_type: str = always("")


class PodOS(K8sStruct):
    name: str = ""


class PodSchedulingGate(K8sStruct):
    name: str = ""


class PodSpec(K8sStruct):
    """The desired state of a pod.

    Scheduling fields (``node_selector``, ``affinity``, ``tolerations`` ...)
    are accepted for compatibility; podd runs every pod on its one node and
    says so in a warning (see ``podd.model.validation.warnings_for_pod``).
    """

    volumes: list[Volume] | None = None
    init_containers: list[Container] | None = None
    containers: list[Container] = msgspec.field(default_factory=list)
    ephemeral_containers: list[EphemeralContainer] | None = None
    restart_policy: str | None = None
    termination_grace_period_seconds: int | None = None
    active_deadline_seconds: int | None = None
    dns_policy: str | None = None
    node_selector: dict[str, str] | None = None
    service_account_name: str | None = None
    service_account: str | None = None
    automount_service_account_token: bool | None = None
    node_name: str | None = None
    host_network: bool | None = None
    host_pid: bool | None = msgspec.field(default=None, name="hostPID")
    host_ipc: bool | None = msgspec.field(default=None, name="hostIPC")
    share_process_namespace: bool | None = None
    security_context: PodSecurityContext | None = None
    image_pull_secrets: list[LocalObjectReference] | None = None
    hostname: str | None = None
    subdomain: str | None = None
    set_hostname_as_fqdn: bool | None = msgspec.field(default=None, name="setHostnameAsFQDN")
    affinity: dict[str, Any] | None = None
    scheduler_name: str | None = None
    tolerations: list[Toleration] | None = None
    host_aliases: list[HostAlias] | None = None
    priority_class_name: str | None = None
    priority: int | None = None
    dns_config: PodDNSConfig | None = None
    readiness_gates: list[PodReadinessGate] | None = None
    runtime_class_name: str | None = None
    enable_service_links: bool | None = None
    preemption_policy: str | None = None
    overhead: ResourceList | None = None
    topology_spread_constraints: list[dict[str, Any]] | None = None
    os: PodOS | None = None
    host_users: bool | None = None
    scheduling_gates: list[PodSchedulingGate] | None = None
    resource_claims: list[dict[str, Any]] | None = None
    resources: ResourceRequirements | None = None

    def all_containers(self) -> Iterator[tuple[str, int, Container]]:
        """``(field, index, container)`` for init, app and ephemeral containers in order."""
        for field, items in (
            ("initContainers", self.init_containers),
            ("containers", self.containers),
            ("ephemeralContainers", self.ephemeral_containers),
        ):
            for i, ctr in enumerate(items or ()):
                yield field, i, ctr


class Pod(K8sStruct):
    """A pod; ``apiVersion``, ``kind``, ``metadata``, ``spec`` and ``status`` are always encoded."""

    api_version: str = always("v1")
    kind: str = always("Pod")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: PodSpec = msgspec.field(default_factory=PodSpec)
    status: PodStatus = msgspec.field(default_factory=PodStatus)


class PodList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("PodList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Pod] = always_list()
