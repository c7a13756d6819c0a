from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container import Container
    from ..models.ephemeral_container import EphemeralContainer
    from ..models.host_alias import HostAlias
    from ..models.local_object_reference import LocalObjectReference
    from ..models.pod_dns_config import PodDNSConfig
    from ..models.pod_os import PodOS
    from ..models.pod_readiness_gate import PodReadinessGate
    from ..models.pod_scheduling_gate import PodSchedulingGate
    from ..models.pod_security_context import PodSecurityContext
    from ..models.pod_spec_affinity_type_0 import PodSpecAffinityType0
    from ..models.pod_spec_node_selector_type_0 import PodSpecNodeSelectorType0
    from ..models.pod_spec_overhead_type_0 import PodSpecOverheadType0
    from ..models.pod_spec_resource_claims_type_0_item import (
        PodSpecResourceClaimsType0Item,
    )
    from ..models.pod_spec_topology_spread_constraints_type_0_item import (
        PodSpecTopologySpreadConstraintsType0Item,
    )
    from ..models.resource_requirements import ResourceRequirements
    from ..models.toleration import Toleration
    from ..models.volume import Volume


T = TypeVar("T", bound="PodSpec")


@_attrs_define
class PodSpec:
    """The desired state of a pod.

    Scheduling fields (``node_selector``, ``affinity``, ``tolerations`` ...)
    are accepted for compatibility; podd runs every pod on its one node and
    says so in a warning (see ``podd.model.validation.warnings_for_pod``).

    Attributes:
        volumes (list[Volume] | None | Unset):
        init_containers (list[Container] | None | Unset):
        containers (list[Container] | Unset):
        ephemeral_containers (list[EphemeralContainer] | None | Unset):
        restart_policy (None | str | Unset):
        termination_grace_period_seconds (int | None | Unset):
        active_deadline_seconds (int | None | Unset):
        dns_policy (None | str | Unset):
        node_selector (None | PodSpecNodeSelectorType0 | Unset):
        service_account_name (None | str | Unset):
        service_account (None | str | Unset):
        automount_service_account_token (bool | None | Unset):
        node_name (None | str | Unset):
        host_network (bool | None | Unset):
        host_pid (bool | None | Unset):
        host_ipc (bool | None | Unset):
        share_process_namespace (bool | None | Unset):
        security_context (None | PodSecurityContext | Unset):
        image_pull_secrets (list[LocalObjectReference] | None | Unset):
        hostname (None | str | Unset):
        subdomain (None | str | Unset):
        set_hostname_as_fqdn (bool | None | Unset):
        affinity (None | PodSpecAffinityType0 | Unset):
        scheduler_name (None | str | Unset):
        tolerations (list[Toleration] | None | Unset):
        host_aliases (list[HostAlias] | None | Unset):
        priority_class_name (None | str | Unset):
        priority (int | None | Unset):
        dns_config (None | PodDNSConfig | Unset):
        readiness_gates (list[PodReadinessGate] | None | Unset):
        runtime_class_name (None | str | Unset):
        enable_service_links (bool | None | Unset):
        preemption_policy (None | str | Unset):
        overhead (None | PodSpecOverheadType0 | Unset):
        topology_spread_constraints (list[PodSpecTopologySpreadConstraintsType0Item] | None | Unset):
        os (None | PodOS | Unset):
        host_users (bool | None | Unset):
        scheduling_gates (list[PodSchedulingGate] | None | Unset):
        resource_claims (list[PodSpecResourceClaimsType0Item] | None | Unset):
        resources (None | ResourceRequirements | Unset):
    """

    volumes: list[Volume] | None | Unset = UNSET
    init_containers: list[Container] | None | Unset = UNSET
    containers: list[Container] | Unset = UNSET
    ephemeral_containers: list[EphemeralContainer] | None | Unset = UNSET
    restart_policy: None | str | Unset = UNSET
    termination_grace_period_seconds: int | None | Unset = UNSET
    active_deadline_seconds: int | None | Unset = UNSET
    dns_policy: None | str | Unset = UNSET
    node_selector: None | PodSpecNodeSelectorType0 | Unset = UNSET
    service_account_name: None | str | Unset = UNSET
    service_account: None | str | Unset = UNSET
    automount_service_account_token: bool | None | Unset = UNSET
    node_name: None | str | Unset = UNSET
    host_network: bool | None | Unset = UNSET
    host_pid: bool | None | Unset = UNSET
    host_ipc: bool | None | Unset = UNSET
    share_process_namespace: bool | None | Unset = UNSET
    security_context: None | PodSecurityContext | Unset = UNSET
    image_pull_secrets: list[LocalObjectReference] | None | Unset = UNSET
    hostname: None | str | Unset = UNSET
    subdomain: None | str | Unset = UNSET
    set_hostname_as_fqdn: bool | None | Unset = UNSET
    affinity: None | PodSpecAffinityType0 | Unset = UNSET
    scheduler_name: None | str | Unset = UNSET
    tolerations: list[Toleration] | None | Unset = UNSET
    host_aliases: list[HostAlias] | None | Unset = UNSET
    priority_class_name: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    dns_config: None | PodDNSConfig | Unset = UNSET
    readiness_gates: list[PodReadinessGate] | None | Unset = UNSET
    runtime_class_name: None | str | Unset = UNSET
    enable_service_links: bool | None | Unset = UNSET
    preemption_policy: None | str | Unset = UNSET
    overhead: None | PodSpecOverheadType0 | Unset = UNSET
    topology_spread_constraints: list[PodSpecTopologySpreadConstraintsType0Item] | None | Unset = (
        UNSET
    )
    os: None | PodOS | Unset = UNSET
    host_users: bool | None | Unset = UNSET
    scheduling_gates: list[PodSchedulingGate] | None | Unset = UNSET
    resource_claims: list[PodSpecResourceClaimsType0Item] | None | Unset = UNSET
    resources: None | ResourceRequirements | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.pod_dns_config import PodDNSConfig
        from ..models.pod_os import PodOS
        from ..models.pod_security_context import PodSecurityContext
        from ..models.pod_spec_affinity_type_0 import PodSpecAffinityType0
        from ..models.pod_spec_node_selector_type_0 import PodSpecNodeSelectorType0
        from ..models.pod_spec_overhead_type_0 import PodSpecOverheadType0
        from ..models.resource_requirements import ResourceRequirements

        volumes: list[dict[str, Any]] | None | Unset
        if isinstance(self.volumes, Unset):
            volumes = UNSET
        elif isinstance(self.volumes, list):
            volumes = []
            for volumes_type_0_item_data in self.volumes:
                volumes_type_0_item = volumes_type_0_item_data.to_dict()
                volumes.append(volumes_type_0_item)

        else:
            volumes = self.volumes

        init_containers: list[dict[str, Any]] | None | Unset
        if isinstance(self.init_containers, Unset):
            init_containers = UNSET
        elif isinstance(self.init_containers, list):
            init_containers = []
            for init_containers_type_0_item_data in self.init_containers:
                init_containers_type_0_item = init_containers_type_0_item_data.to_dict()
                init_containers.append(init_containers_type_0_item)

        else:
            init_containers = self.init_containers

        containers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.containers, Unset):
            containers = []
            for containers_item_data in self.containers:
                containers_item = containers_item_data.to_dict()
                containers.append(containers_item)

        ephemeral_containers: list[dict[str, Any]] | None | Unset
        if isinstance(self.ephemeral_containers, Unset):
            ephemeral_containers = UNSET
        elif isinstance(self.ephemeral_containers, list):
            ephemeral_containers = []
            for ephemeral_containers_type_0_item_data in self.ephemeral_containers:
                ephemeral_containers_type_0_item = ephemeral_containers_type_0_item_data.to_dict()
                ephemeral_containers.append(ephemeral_containers_type_0_item)

        else:
            ephemeral_containers = self.ephemeral_containers

        restart_policy: None | str | Unset
        if isinstance(self.restart_policy, Unset):
            restart_policy = UNSET
        else:
            restart_policy = self.restart_policy

        termination_grace_period_seconds: int | None | Unset
        if isinstance(self.termination_grace_period_seconds, Unset):
            termination_grace_period_seconds = UNSET
        else:
            termination_grace_period_seconds = self.termination_grace_period_seconds

        active_deadline_seconds: int | None | Unset
        if isinstance(self.active_deadline_seconds, Unset):
            active_deadline_seconds = UNSET
        else:
            active_deadline_seconds = self.active_deadline_seconds

        dns_policy: None | str | Unset
        if isinstance(self.dns_policy, Unset):
            dns_policy = UNSET
        else:
            dns_policy = self.dns_policy

        node_selector: dict[str, Any] | None | Unset
        if isinstance(self.node_selector, Unset):
            node_selector = UNSET
        elif isinstance(self.node_selector, PodSpecNodeSelectorType0):
            node_selector = self.node_selector.to_dict()
        else:
            node_selector = self.node_selector

        service_account_name: None | str | Unset
        if isinstance(self.service_account_name, Unset):
            service_account_name = UNSET
        else:
            service_account_name = self.service_account_name

        service_account: None | str | Unset
        if isinstance(self.service_account, Unset):
            service_account = UNSET
        else:
            service_account = self.service_account

        automount_service_account_token: bool | None | Unset
        if isinstance(self.automount_service_account_token, Unset):
            automount_service_account_token = UNSET
        else:
            automount_service_account_token = self.automount_service_account_token

        node_name: None | str | Unset
        if isinstance(self.node_name, Unset):
            node_name = UNSET
        else:
            node_name = self.node_name

        host_network: bool | None | Unset
        if isinstance(self.host_network, Unset):
            host_network = UNSET
        else:
            host_network = self.host_network

        host_pid: bool | None | Unset
        if isinstance(self.host_pid, Unset):
            host_pid = UNSET
        else:
            host_pid = self.host_pid

        host_ipc: bool | None | Unset
        if isinstance(self.host_ipc, Unset):
            host_ipc = UNSET
        else:
            host_ipc = self.host_ipc

        share_process_namespace: bool | None | Unset
        if isinstance(self.share_process_namespace, Unset):
            share_process_namespace = UNSET
        else:
            share_process_namespace = self.share_process_namespace

        security_context: dict[str, Any] | None | Unset
        if isinstance(self.security_context, Unset):
            security_context = UNSET
        elif isinstance(self.security_context, PodSecurityContext):
            security_context = self.security_context.to_dict()
        else:
            security_context = self.security_context

        image_pull_secrets: list[dict[str, Any]] | None | Unset
        if isinstance(self.image_pull_secrets, Unset):
            image_pull_secrets = UNSET
        elif isinstance(self.image_pull_secrets, list):
            image_pull_secrets = []
            for image_pull_secrets_type_0_item_data in self.image_pull_secrets:
                image_pull_secrets_type_0_item = image_pull_secrets_type_0_item_data.to_dict()
                image_pull_secrets.append(image_pull_secrets_type_0_item)

        else:
            image_pull_secrets = self.image_pull_secrets

        hostname: None | str | Unset
        if isinstance(self.hostname, Unset):
            hostname = UNSET
        else:
            hostname = self.hostname

        subdomain: None | str | Unset
        if isinstance(self.subdomain, Unset):
            subdomain = UNSET
        else:
            subdomain = self.subdomain

        set_hostname_as_fqdn: bool | None | Unset
        if isinstance(self.set_hostname_as_fqdn, Unset):
            set_hostname_as_fqdn = UNSET
        else:
            set_hostname_as_fqdn = self.set_hostname_as_fqdn

        affinity: dict[str, Any] | None | Unset
        if isinstance(self.affinity, Unset):
            affinity = UNSET
        elif isinstance(self.affinity, PodSpecAffinityType0):
            affinity = self.affinity.to_dict()
        else:
            affinity = self.affinity

        scheduler_name: None | str | Unset
        if isinstance(self.scheduler_name, Unset):
            scheduler_name = UNSET
        else:
            scheduler_name = self.scheduler_name

        tolerations: list[dict[str, Any]] | None | Unset
        if isinstance(self.tolerations, Unset):
            tolerations = UNSET
        elif isinstance(self.tolerations, list):
            tolerations = []
            for tolerations_type_0_item_data in self.tolerations:
                tolerations_type_0_item = tolerations_type_0_item_data.to_dict()
                tolerations.append(tolerations_type_0_item)

        else:
            tolerations = self.tolerations

        host_aliases: list[dict[str, Any]] | None | Unset
        if isinstance(self.host_aliases, Unset):
            host_aliases = UNSET
        elif isinstance(self.host_aliases, list):
            host_aliases = []
            for host_aliases_type_0_item_data in self.host_aliases:
                host_aliases_type_0_item = host_aliases_type_0_item_data.to_dict()
                host_aliases.append(host_aliases_type_0_item)

        else:
            host_aliases = self.host_aliases

        priority_class_name: None | str | Unset
        if isinstance(self.priority_class_name, Unset):
            priority_class_name = UNSET
        else:
            priority_class_name = self.priority_class_name

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        dns_config: dict[str, Any] | None | Unset
        if isinstance(self.dns_config, Unset):
            dns_config = UNSET
        elif isinstance(self.dns_config, PodDNSConfig):
            dns_config = self.dns_config.to_dict()
        else:
            dns_config = self.dns_config

        readiness_gates: list[dict[str, Any]] | None | Unset
        if isinstance(self.readiness_gates, Unset):
            readiness_gates = UNSET
        elif isinstance(self.readiness_gates, list):
            readiness_gates = []
            for readiness_gates_type_0_item_data in self.readiness_gates:
                readiness_gates_type_0_item = readiness_gates_type_0_item_data.to_dict()
                readiness_gates.append(readiness_gates_type_0_item)

        else:
            readiness_gates = self.readiness_gates

        runtime_class_name: None | str | Unset
        if isinstance(self.runtime_class_name, Unset):
            runtime_class_name = UNSET
        else:
            runtime_class_name = self.runtime_class_name

        enable_service_links: bool | None | Unset
        if isinstance(self.enable_service_links, Unset):
            enable_service_links = UNSET
        else:
            enable_service_links = self.enable_service_links

        preemption_policy: None | str | Unset
        if isinstance(self.preemption_policy, Unset):
            preemption_policy = UNSET
        else:
            preemption_policy = self.preemption_policy

        overhead: dict[str, Any] | None | Unset
        if isinstance(self.overhead, Unset):
            overhead = UNSET
        elif isinstance(self.overhead, PodSpecOverheadType0):
            overhead = self.overhead.to_dict()
        else:
            overhead = self.overhead

        topology_spread_constraints: list[dict[str, Any]] | None | Unset
        if isinstance(self.topology_spread_constraints, Unset):
            topology_spread_constraints = UNSET
        elif isinstance(self.topology_spread_constraints, list):
            topology_spread_constraints = []
            for topology_spread_constraints_type_0_item_data in self.topology_spread_constraints:
                topology_spread_constraints_type_0_item = (
                    topology_spread_constraints_type_0_item_data.to_dict()
                )
                topology_spread_constraints.append(topology_spread_constraints_type_0_item)

        else:
            topology_spread_constraints = self.topology_spread_constraints

        os: dict[str, Any] | None | Unset
        if isinstance(self.os, Unset):
            os = UNSET
        elif isinstance(self.os, PodOS):
            os = self.os.to_dict()
        else:
            os = self.os

        host_users: bool | None | Unset
        if isinstance(self.host_users, Unset):
            host_users = UNSET
        else:
            host_users = self.host_users

        scheduling_gates: list[dict[str, Any]] | None | Unset
        if isinstance(self.scheduling_gates, Unset):
            scheduling_gates = UNSET
        elif isinstance(self.scheduling_gates, list):
            scheduling_gates = []
            for scheduling_gates_type_0_item_data in self.scheduling_gates:
                scheduling_gates_type_0_item = scheduling_gates_type_0_item_data.to_dict()
                scheduling_gates.append(scheduling_gates_type_0_item)

        else:
            scheduling_gates = self.scheduling_gates

        resource_claims: list[dict[str, Any]] | None | Unset
        if isinstance(self.resource_claims, Unset):
            resource_claims = UNSET
        elif isinstance(self.resource_claims, list):
            resource_claims = []
            for resource_claims_type_0_item_data in self.resource_claims:
                resource_claims_type_0_item = resource_claims_type_0_item_data.to_dict()
                resource_claims.append(resource_claims_type_0_item)

        else:
            resource_claims = self.resource_claims

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, ResourceRequirements):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if volumes is not UNSET:
            field_dict["volumes"] = volumes
        if init_containers is not UNSET:
            field_dict["initContainers"] = init_containers
        if containers is not UNSET:
            field_dict["containers"] = containers
        if ephemeral_containers is not UNSET:
            field_dict["ephemeralContainers"] = ephemeral_containers
        if restart_policy is not UNSET:
            field_dict["restartPolicy"] = restart_policy
        if termination_grace_period_seconds is not UNSET:
            field_dict["terminationGracePeriodSeconds"] = termination_grace_period_seconds
        if active_deadline_seconds is not UNSET:
            field_dict["activeDeadlineSeconds"] = active_deadline_seconds
        if dns_policy is not UNSET:
            field_dict["dnsPolicy"] = dns_policy
        if node_selector is not UNSET:
            field_dict["nodeSelector"] = node_selector
        if service_account_name is not UNSET:
            field_dict["serviceAccountName"] = service_account_name
        if service_account is not UNSET:
            field_dict["serviceAccount"] = service_account
        if automount_service_account_token is not UNSET:
            field_dict["automountServiceAccountToken"] = automount_service_account_token
        if node_name is not UNSET:
            field_dict["nodeName"] = node_name
        if host_network is not UNSET:
            field_dict["hostNetwork"] = host_network
        if host_pid is not UNSET:
            field_dict["hostPID"] = host_pid
        if host_ipc is not UNSET:
            field_dict["hostIPC"] = host_ipc
        if share_process_namespace is not UNSET:
            field_dict["shareProcessNamespace"] = share_process_namespace
        if security_context is not UNSET:
            field_dict["securityContext"] = security_context
        if image_pull_secrets is not UNSET:
            field_dict["imagePullSecrets"] = image_pull_secrets
        if hostname is not UNSET:
            field_dict["hostname"] = hostname
        if subdomain is not UNSET:
            field_dict["subdomain"] = subdomain
        if set_hostname_as_fqdn is not UNSET:
            field_dict["setHostnameAsFQDN"] = set_hostname_as_fqdn
        if affinity is not UNSET:
            field_dict["affinity"] = affinity
        if scheduler_name is not UNSET:
            field_dict["schedulerName"] = scheduler_name
        if tolerations is not UNSET:
            field_dict["tolerations"] = tolerations
        if host_aliases is not UNSET:
            field_dict["hostAliases"] = host_aliases
        if priority_class_name is not UNSET:
            field_dict["priorityClassName"] = priority_class_name
        if priority is not UNSET:
            field_dict["priority"] = priority
        if dns_config is not UNSET:
            field_dict["dnsConfig"] = dns_config
        if readiness_gates is not UNSET:
            field_dict["readinessGates"] = readiness_gates
        if runtime_class_name is not UNSET:
            field_dict["runtimeClassName"] = runtime_class_name
        if enable_service_links is not UNSET:
            field_dict["enableServiceLinks"] = enable_service_links
        if preemption_policy is not UNSET:
            field_dict["preemptionPolicy"] = preemption_policy
        if overhead is not UNSET:
            field_dict["overhead"] = overhead
        if topology_spread_constraints is not UNSET:
            field_dict["topologySpreadConstraints"] = topology_spread_constraints
        if os is not UNSET:
            field_dict["os"] = os
        if host_users is not UNSET:
            field_dict["hostUsers"] = host_users
        if scheduling_gates is not UNSET:
            field_dict["schedulingGates"] = scheduling_gates
        if resource_claims is not UNSET:
            field_dict["resourceClaims"] = resource_claims
        if resources is not UNSET:
            field_dict["resources"] = resources

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container import Container
        from ..models.ephemeral_container import EphemeralContainer
        from ..models.host_alias import HostAlias
        from ..models.local_object_reference import LocalObjectReference
        from ..models.pod_dns_config import PodDNSConfig
        from ..models.pod_os import PodOS
        from ..models.pod_readiness_gate import PodReadinessGate
        from ..models.pod_scheduling_gate import PodSchedulingGate
        from ..models.pod_security_context import PodSecurityContext
        from ..models.pod_spec_affinity_type_0 import PodSpecAffinityType0
        from ..models.pod_spec_node_selector_type_0 import PodSpecNodeSelectorType0
        from ..models.pod_spec_overhead_type_0 import PodSpecOverheadType0
        from ..models.pod_spec_resource_claims_type_0_item import (
            PodSpecResourceClaimsType0Item,
        )
        from ..models.pod_spec_topology_spread_constraints_type_0_item import (
            PodSpecTopologySpreadConstraintsType0Item,
        )
        from ..models.resource_requirements import ResourceRequirements
        from ..models.toleration import Toleration
        from ..models.volume import Volume

        d = dict(src_dict)

        def _parse_volumes(data: object) -> list[Volume] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                volumes_type_0 = []
                _volumes_type_0 = data
                for volumes_type_0_item_data in _volumes_type_0:
                    volumes_type_0_item = Volume.from_dict(volumes_type_0_item_data)

                    volumes_type_0.append(volumes_type_0_item)

                return volumes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Volume] | None | Unset, data)

        volumes = _parse_volumes(d.pop("volumes", UNSET))

        def _parse_init_containers(data: object) -> list[Container] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                init_containers_type_0 = []
                _init_containers_type_0 = data
                for init_containers_type_0_item_data in _init_containers_type_0:
                    init_containers_type_0_item = Container.from_dict(
                        init_containers_type_0_item_data
                    )

                    init_containers_type_0.append(init_containers_type_0_item)

                return init_containers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Container] | None | Unset, data)

        init_containers = _parse_init_containers(d.pop("initContainers", UNSET))

        _containers = d.pop("containers", UNSET)
        containers: list[Container] | Unset = UNSET
        if _containers is not UNSET:
            containers = []
            for containers_item_data in _containers:
                containers_item = Container.from_dict(containers_item_data)

                containers.append(containers_item)

        def _parse_ephemeral_containers(data: object) -> list[EphemeralContainer] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ephemeral_containers_type_0 = []
                _ephemeral_containers_type_0 = data
                for ephemeral_containers_type_0_item_data in _ephemeral_containers_type_0:
                    ephemeral_containers_type_0_item = EphemeralContainer.from_dict(
                        ephemeral_containers_type_0_item_data
                    )

                    ephemeral_containers_type_0.append(ephemeral_containers_type_0_item)

                return ephemeral_containers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EphemeralContainer] | None | Unset, data)

        ephemeral_containers = _parse_ephemeral_containers(d.pop("ephemeralContainers", UNSET))

        def _parse_restart_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        restart_policy = _parse_restart_policy(d.pop("restartPolicy", UNSET))

        def _parse_termination_grace_period_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        termination_grace_period_seconds = _parse_termination_grace_period_seconds(
            d.pop("terminationGracePeriodSeconds", UNSET)
        )

        def _parse_active_deadline_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_deadline_seconds = _parse_active_deadline_seconds(
            d.pop("activeDeadlineSeconds", UNSET)
        )

        def _parse_dns_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dns_policy = _parse_dns_policy(d.pop("dnsPolicy", UNSET))

        def _parse_node_selector(data: object) -> None | PodSpecNodeSelectorType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                node_selector_type_0 = PodSpecNodeSelectorType0.from_dict(data)

                return node_selector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodSpecNodeSelectorType0 | Unset, data)

        node_selector = _parse_node_selector(d.pop("nodeSelector", UNSET))

        def _parse_service_account_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_account_name = _parse_service_account_name(d.pop("serviceAccountName", UNSET))

        def _parse_service_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_account = _parse_service_account(d.pop("serviceAccount", UNSET))

        def _parse_automount_service_account_token(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        automount_service_account_token = _parse_automount_service_account_token(
            d.pop("automountServiceAccountToken", UNSET)
        )

        def _parse_node_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node_name = _parse_node_name(d.pop("nodeName", UNSET))

        def _parse_host_network(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        host_network = _parse_host_network(d.pop("hostNetwork", UNSET))

        def _parse_host_pid(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        host_pid = _parse_host_pid(d.pop("hostPID", UNSET))

        def _parse_host_ipc(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        host_ipc = _parse_host_ipc(d.pop("hostIPC", UNSET))

        def _parse_share_process_namespace(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        share_process_namespace = _parse_share_process_namespace(
            d.pop("shareProcessNamespace", UNSET)
        )

        def _parse_security_context(data: object) -> None | PodSecurityContext | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                security_context_type_0 = PodSecurityContext.from_dict(data)

                return security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodSecurityContext | Unset, data)

        security_context = _parse_security_context(d.pop("securityContext", UNSET))

        def _parse_image_pull_secrets(data: object) -> list[LocalObjectReference] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                image_pull_secrets_type_0 = []
                _image_pull_secrets_type_0 = data
                for image_pull_secrets_type_0_item_data in _image_pull_secrets_type_0:
                    image_pull_secrets_type_0_item = LocalObjectReference.from_dict(
                        image_pull_secrets_type_0_item_data
                    )

                    image_pull_secrets_type_0.append(image_pull_secrets_type_0_item)

                return image_pull_secrets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LocalObjectReference] | None | Unset, data)

        image_pull_secrets = _parse_image_pull_secrets(d.pop("imagePullSecrets", UNSET))

        def _parse_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hostname = _parse_hostname(d.pop("hostname", UNSET))

        def _parse_subdomain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subdomain = _parse_subdomain(d.pop("subdomain", UNSET))

        def _parse_set_hostname_as_fqdn(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        set_hostname_as_fqdn = _parse_set_hostname_as_fqdn(d.pop("setHostnameAsFQDN", UNSET))

        def _parse_affinity(data: object) -> None | PodSpecAffinityType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                affinity_type_0 = PodSpecAffinityType0.from_dict(data)

                return affinity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodSpecAffinityType0 | Unset, data)

        affinity = _parse_affinity(d.pop("affinity", UNSET))

        def _parse_scheduler_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scheduler_name = _parse_scheduler_name(d.pop("schedulerName", UNSET))

        def _parse_tolerations(data: object) -> list[Toleration] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tolerations_type_0 = []
                _tolerations_type_0 = data
                for tolerations_type_0_item_data in _tolerations_type_0:
                    tolerations_type_0_item = Toleration.from_dict(tolerations_type_0_item_data)

                    tolerations_type_0.append(tolerations_type_0_item)

                return tolerations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Toleration] | None | Unset, data)

        tolerations = _parse_tolerations(d.pop("tolerations", UNSET))

        def _parse_host_aliases(data: object) -> list[HostAlias] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                host_aliases_type_0 = []
                _host_aliases_type_0 = data
                for host_aliases_type_0_item_data in _host_aliases_type_0:
                    host_aliases_type_0_item = HostAlias.from_dict(host_aliases_type_0_item_data)

                    host_aliases_type_0.append(host_aliases_type_0_item)

                return host_aliases_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[HostAlias] | None | Unset, data)

        host_aliases = _parse_host_aliases(d.pop("hostAliases", UNSET))

        def _parse_priority_class_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        priority_class_name = _parse_priority_class_name(d.pop("priorityClassName", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_dns_config(data: object) -> None | PodDNSConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dns_config_type_0 = PodDNSConfig.from_dict(data)

                return dns_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodDNSConfig | Unset, data)

        dns_config = _parse_dns_config(d.pop("dnsConfig", UNSET))

        def _parse_readiness_gates(data: object) -> list[PodReadinessGate] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                readiness_gates_type_0 = []
                _readiness_gates_type_0 = data
                for readiness_gates_type_0_item_data in _readiness_gates_type_0:
                    readiness_gates_type_0_item = PodReadinessGate.from_dict(
                        readiness_gates_type_0_item_data
                    )

                    readiness_gates_type_0.append(readiness_gates_type_0_item)

                return readiness_gates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodReadinessGate] | None | Unset, data)

        readiness_gates = _parse_readiness_gates(d.pop("readinessGates", UNSET))

        def _parse_runtime_class_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        runtime_class_name = _parse_runtime_class_name(d.pop("runtimeClassName", UNSET))

        def _parse_enable_service_links(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enable_service_links = _parse_enable_service_links(d.pop("enableServiceLinks", UNSET))

        def _parse_preemption_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preemption_policy = _parse_preemption_policy(d.pop("preemptionPolicy", UNSET))

        def _parse_overhead(data: object) -> None | PodSpecOverheadType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                overhead_type_0 = PodSpecOverheadType0.from_dict(data)

                return overhead_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodSpecOverheadType0 | Unset, data)

        overhead = _parse_overhead(d.pop("overhead", UNSET))

        def _parse_topology_spread_constraints(
            data: object,
        ) -> list[PodSpecTopologySpreadConstraintsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                topology_spread_constraints_type_0 = []
                _topology_spread_constraints_type_0 = data
                for (
                    topology_spread_constraints_type_0_item_data
                ) in _topology_spread_constraints_type_0:
                    topology_spread_constraints_type_0_item = (
                        PodSpecTopologySpreadConstraintsType0Item.from_dict(
                            topology_spread_constraints_type_0_item_data
                        )
                    )

                    topology_spread_constraints_type_0.append(
                        topology_spread_constraints_type_0_item
                    )

                return topology_spread_constraints_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodSpecTopologySpreadConstraintsType0Item] | None | Unset, data)

        topology_spread_constraints = _parse_topology_spread_constraints(
            d.pop("topologySpreadConstraints", UNSET)
        )

        def _parse_os(data: object) -> None | PodOS | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                os_type_0 = PodOS.from_dict(data)

                return os_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodOS | Unset, data)

        os = _parse_os(d.pop("os", UNSET))

        def _parse_host_users(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        host_users = _parse_host_users(d.pop("hostUsers", UNSET))

        def _parse_scheduling_gates(data: object) -> list[PodSchedulingGate] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scheduling_gates_type_0 = []
                _scheduling_gates_type_0 = data
                for scheduling_gates_type_0_item_data in _scheduling_gates_type_0:
                    scheduling_gates_type_0_item = PodSchedulingGate.from_dict(
                        scheduling_gates_type_0_item_data
                    )

                    scheduling_gates_type_0.append(scheduling_gates_type_0_item)

                return scheduling_gates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodSchedulingGate] | None | Unset, data)

        scheduling_gates = _parse_scheduling_gates(d.pop("schedulingGates", UNSET))

        def _parse_resource_claims(
            data: object,
        ) -> list[PodSpecResourceClaimsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_claims_type_0 = []
                _resource_claims_type_0 = data
                for resource_claims_type_0_item_data in _resource_claims_type_0:
                    resource_claims_type_0_item = PodSpecResourceClaimsType0Item.from_dict(
                        resource_claims_type_0_item_data
                    )

                    resource_claims_type_0.append(resource_claims_type_0_item)

                return resource_claims_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodSpecResourceClaimsType0Item] | None | Unset, data)

        resource_claims = _parse_resource_claims(d.pop("resourceClaims", UNSET))

        def _parse_resources(data: object) -> None | ResourceRequirements | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resources_type_0 = ResourceRequirements.from_dict(data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceRequirements | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        pod_spec = cls(
            volumes=volumes,
            init_containers=init_containers,
            containers=containers,
            ephemeral_containers=ephemeral_containers,
            restart_policy=restart_policy,
            termination_grace_period_seconds=termination_grace_period_seconds,
            active_deadline_seconds=active_deadline_seconds,
            dns_policy=dns_policy,
            node_selector=node_selector,
            service_account_name=service_account_name,
            service_account=service_account,
            automount_service_account_token=automount_service_account_token,
            node_name=node_name,
            host_network=host_network,
            host_pid=host_pid,
            host_ipc=host_ipc,
            share_process_namespace=share_process_namespace,
            security_context=security_context,
            image_pull_secrets=image_pull_secrets,
            hostname=hostname,
            subdomain=subdomain,
            set_hostname_as_fqdn=set_hostname_as_fqdn,
            affinity=affinity,
            scheduler_name=scheduler_name,
            tolerations=tolerations,
            host_aliases=host_aliases,
            priority_class_name=priority_class_name,
            priority=priority,
            dns_config=dns_config,
            readiness_gates=readiness_gates,
            runtime_class_name=runtime_class_name,
            enable_service_links=enable_service_links,
            preemption_policy=preemption_policy,
            overhead=overhead,
            topology_spread_constraints=topology_spread_constraints,
            os=os,
            host_users=host_users,
            scheduling_gates=scheduling_gates,
            resource_claims=resource_claims,
            resources=resources,
        )

        return pod_spec
