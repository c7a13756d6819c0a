from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_port import ServicePort
    from ..models.service_spec_selector_type_0 import ServiceSpecSelectorType0
    from ..models.session_affinity_config import SessionAffinityConfig


T = TypeVar("T", bound="ServiceSpec")


@_attrs_define
class ServiceSpec:
    """
    Attributes:
        ports (list[ServicePort] | None | Unset):
        selector (None | ServiceSpecSelectorType0 | Unset):
        cluster_ip (None | str | Unset):
        cluster_i_ps (list[str] | None | Unset):
        type_ (None | str | Unset):
        external_i_ps (list[str] | None | Unset):
        session_affinity (None | str | Unset):
        load_balancer_ip (None | str | Unset):
        load_balancer_source_ranges (list[str] | None | Unset):
        external_name (None | str | Unset):
        external_traffic_policy (None | str | Unset):
        health_check_node_port (int | None | Unset):
        publish_not_ready_addresses (bool | None | Unset):
        session_affinity_config (None | SessionAffinityConfig | Unset):
        ip_families (list[str] | None | Unset):
        ip_family_policy (None | str | Unset):
        allocate_load_balancer_node_ports (bool | None | Unset):
        load_balancer_class (None | str | Unset):
        internal_traffic_policy (None | str | Unset):
        traffic_distribution (None | str | Unset):
    """

    ports: list[ServicePort] | None | Unset = UNSET
    selector: None | ServiceSpecSelectorType0 | Unset = UNSET
    cluster_ip: None | str | Unset = UNSET
    cluster_i_ps: list[str] | None | Unset = UNSET
    type_: None | str | Unset = UNSET
    external_i_ps: list[str] | None | Unset = UNSET
    session_affinity: None | str | Unset = UNSET
    load_balancer_ip: None | str | Unset = UNSET
    load_balancer_source_ranges: list[str] | None | Unset = UNSET
    external_name: None | str | Unset = UNSET
    external_traffic_policy: None | str | Unset = UNSET
    health_check_node_port: int | None | Unset = UNSET
    publish_not_ready_addresses: bool | None | Unset = UNSET
    session_affinity_config: None | SessionAffinityConfig | Unset = UNSET
    ip_families: list[str] | None | Unset = UNSET
    ip_family_policy: None | str | Unset = UNSET
    allocate_load_balancer_node_ports: bool | None | Unset = UNSET
    load_balancer_class: None | str | Unset = UNSET
    internal_traffic_policy: None | str | Unset = UNSET
    traffic_distribution: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.service_spec_selector_type_0 import ServiceSpecSelectorType0
        from ..models.session_affinity_config import SessionAffinityConfig

        ports: list[dict[str, Any]] | None | Unset
        if isinstance(self.ports, Unset):
            ports = UNSET
        elif isinstance(self.ports, list):
            ports = []
            for ports_type_0_item_data in self.ports:
                ports_type_0_item = ports_type_0_item_data.to_dict()
                ports.append(ports_type_0_item)

        else:
            ports = self.ports

        selector: dict[str, Any] | None | Unset
        if isinstance(self.selector, Unset):
            selector = UNSET
        elif isinstance(self.selector, ServiceSpecSelectorType0):
            selector = self.selector.to_dict()
        else:
            selector = self.selector

        cluster_ip: None | str | Unset
        if isinstance(self.cluster_ip, Unset):
            cluster_ip = UNSET
        else:
            cluster_ip = self.cluster_ip

        cluster_i_ps: list[str] | None | Unset
        if isinstance(self.cluster_i_ps, Unset):
            cluster_i_ps = UNSET
        elif isinstance(self.cluster_i_ps, list):
            cluster_i_ps = self.cluster_i_ps

        else:
            cluster_i_ps = self.cluster_i_ps

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        external_i_ps: list[str] | None | Unset
        if isinstance(self.external_i_ps, Unset):
            external_i_ps = UNSET
        elif isinstance(self.external_i_ps, list):
            external_i_ps = self.external_i_ps

        else:
            external_i_ps = self.external_i_ps

        session_affinity: None | str | Unset
        if isinstance(self.session_affinity, Unset):
            session_affinity = UNSET
        else:
            session_affinity = self.session_affinity

        load_balancer_ip: None | str | Unset
        if isinstance(self.load_balancer_ip, Unset):
            load_balancer_ip = UNSET
        else:
            load_balancer_ip = self.load_balancer_ip

        load_balancer_source_ranges: list[str] | None | Unset
        if isinstance(self.load_balancer_source_ranges, Unset):
            load_balancer_source_ranges = UNSET
        elif isinstance(self.load_balancer_source_ranges, list):
            load_balancer_source_ranges = self.load_balancer_source_ranges

        else:
            load_balancer_source_ranges = self.load_balancer_source_ranges

        external_name: None | str | Unset
        if isinstance(self.external_name, Unset):
            external_name = UNSET
        else:
            external_name = self.external_name

        external_traffic_policy: None | str | Unset
        if isinstance(self.external_traffic_policy, Unset):
            external_traffic_policy = UNSET
        else:
            external_traffic_policy = self.external_traffic_policy

        health_check_node_port: int | None | Unset
        if isinstance(self.health_check_node_port, Unset):
            health_check_node_port = UNSET
        else:
            health_check_node_port = self.health_check_node_port

        publish_not_ready_addresses: bool | None | Unset
        if isinstance(self.publish_not_ready_addresses, Unset):
            publish_not_ready_addresses = UNSET
        else:
            publish_not_ready_addresses = self.publish_not_ready_addresses

        session_affinity_config: dict[str, Any] | None | Unset
        if isinstance(self.session_affinity_config, Unset):
            session_affinity_config = UNSET
        elif isinstance(self.session_affinity_config, SessionAffinityConfig):
            session_affinity_config = self.session_affinity_config.to_dict()
        else:
            session_affinity_config = self.session_affinity_config

        ip_families: list[str] | None | Unset
        if isinstance(self.ip_families, Unset):
            ip_families = UNSET
        elif isinstance(self.ip_families, list):
            ip_families = self.ip_families

        else:
            ip_families = self.ip_families

        ip_family_policy: None | str | Unset
        if isinstance(self.ip_family_policy, Unset):
            ip_family_policy = UNSET
        else:
            ip_family_policy = self.ip_family_policy

        allocate_load_balancer_node_ports: bool | None | Unset
        if isinstance(self.allocate_load_balancer_node_ports, Unset):
            allocate_load_balancer_node_ports = UNSET
        else:
            allocate_load_balancer_node_ports = self.allocate_load_balancer_node_ports

        load_balancer_class: None | str | Unset
        if isinstance(self.load_balancer_class, Unset):
            load_balancer_class = UNSET
        else:
            load_balancer_class = self.load_balancer_class

        internal_traffic_policy: None | str | Unset
        if isinstance(self.internal_traffic_policy, Unset):
            internal_traffic_policy = UNSET
        else:
            internal_traffic_policy = self.internal_traffic_policy

        traffic_distribution: None | str | Unset
        if isinstance(self.traffic_distribution, Unset):
            traffic_distribution = UNSET
        else:
            traffic_distribution = self.traffic_distribution

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ports is not UNSET:
            field_dict["ports"] = ports
        if selector is not UNSET:
            field_dict["selector"] = selector
        if cluster_ip is not UNSET:
            field_dict["clusterIP"] = cluster_ip
        if cluster_i_ps is not UNSET:
            field_dict["clusterIPs"] = cluster_i_ps
        if type_ is not UNSET:
            field_dict["type"] = type_
        if external_i_ps is not UNSET:
            field_dict["externalIPs"] = external_i_ps
        if session_affinity is not UNSET:
            field_dict["sessionAffinity"] = session_affinity
        if load_balancer_ip is not UNSET:
            field_dict["loadBalancerIP"] = load_balancer_ip
        if load_balancer_source_ranges is not UNSET:
            field_dict["loadBalancerSourceRanges"] = load_balancer_source_ranges
        if external_name is not UNSET:
            field_dict["externalName"] = external_name
        if external_traffic_policy is not UNSET:
            field_dict["externalTrafficPolicy"] = external_traffic_policy
        if health_check_node_port is not UNSET:
            field_dict["healthCheckNodePort"] = health_check_node_port
        if publish_not_ready_addresses is not UNSET:
            field_dict["publishNotReadyAddresses"] = publish_not_ready_addresses
        if session_affinity_config is not UNSET:
            field_dict["sessionAffinityConfig"] = session_affinity_config
        if ip_families is not UNSET:
            field_dict["ipFamilies"] = ip_families
        if ip_family_policy is not UNSET:
            field_dict["ipFamilyPolicy"] = ip_family_policy
        if allocate_load_balancer_node_ports is not UNSET:
            field_dict["allocateLoadBalancerNodePorts"] = allocate_load_balancer_node_ports
        if load_balancer_class is not UNSET:
            field_dict["loadBalancerClass"] = load_balancer_class
        if internal_traffic_policy is not UNSET:
            field_dict["internalTrafficPolicy"] = internal_traffic_policy
        if traffic_distribution is not UNSET:
            field_dict["trafficDistribution"] = traffic_distribution

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.service_port import ServicePort
        from ..models.service_spec_selector_type_0 import ServiceSpecSelectorType0
        from ..models.session_affinity_config import SessionAffinityConfig

        d = dict(src_dict)

        def _parse_ports(data: object) -> list[ServicePort] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ports_type_0 = []
                _ports_type_0 = data
                for ports_type_0_item_data in _ports_type_0:
                    ports_type_0_item = ServicePort.from_dict(ports_type_0_item_data)

                    ports_type_0.append(ports_type_0_item)

                return ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ServicePort] | None | Unset, data)

        ports = _parse_ports(d.pop("ports", UNSET))

        def _parse_selector(data: object) -> None | ServiceSpecSelectorType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                selector_type_0 = ServiceSpecSelectorType0.from_dict(data)

                return selector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceSpecSelectorType0 | Unset, data)

        selector = _parse_selector(d.pop("selector", UNSET))

        def _parse_cluster_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cluster_ip = _parse_cluster_ip(d.pop("clusterIP", UNSET))

        def _parse_cluster_i_ps(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cluster_i_ps_type_0 = cast(list[str], data)

                return cluster_i_ps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cluster_i_ps = _parse_cluster_i_ps(d.pop("clusterIPs", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_external_i_ps(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                external_i_ps_type_0 = cast(list[str], data)

                return external_i_ps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        external_i_ps = _parse_external_i_ps(d.pop("externalIPs", UNSET))

        def _parse_session_affinity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_affinity = _parse_session_affinity(d.pop("sessionAffinity", UNSET))

        def _parse_load_balancer_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        load_balancer_ip = _parse_load_balancer_ip(d.pop("loadBalancerIP", UNSET))

        def _parse_load_balancer_source_ranges(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                load_balancer_source_ranges_type_0 = cast(list[str], data)

                return load_balancer_source_ranges_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        load_balancer_source_ranges = _parse_load_balancer_source_ranges(
            d.pop("loadBalancerSourceRanges", UNSET)
        )

        def _parse_external_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_name = _parse_external_name(d.pop("externalName", UNSET))

        def _parse_external_traffic_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_traffic_policy = _parse_external_traffic_policy(
            d.pop("externalTrafficPolicy", UNSET)
        )

        def _parse_health_check_node_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        health_check_node_port = _parse_health_check_node_port(d.pop("healthCheckNodePort", UNSET))

        def _parse_publish_not_ready_addresses(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        publish_not_ready_addresses = _parse_publish_not_ready_addresses(
            d.pop("publishNotReadyAddresses", UNSET)
        )

        def _parse_session_affinity_config(data: object) -> None | SessionAffinityConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                session_affinity_config_type_0 = SessionAffinityConfig.from_dict(data)

                return session_affinity_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionAffinityConfig | Unset, data)

        session_affinity_config = _parse_session_affinity_config(
            d.pop("sessionAffinityConfig", UNSET)
        )

        def _parse_ip_families(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ip_families_type_0 = cast(list[str], data)

                return ip_families_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        ip_families = _parse_ip_families(d.pop("ipFamilies", UNSET))

        def _parse_ip_family_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip_family_policy = _parse_ip_family_policy(d.pop("ipFamilyPolicy", UNSET))

        def _parse_allocate_load_balancer_node_ports(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allocate_load_balancer_node_ports = _parse_allocate_load_balancer_node_ports(
            d.pop("allocateLoadBalancerNodePorts", UNSET)
        )

        def _parse_load_balancer_class(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        load_balancer_class = _parse_load_balancer_class(d.pop("loadBalancerClass", UNSET))

        def _parse_internal_traffic_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        internal_traffic_policy = _parse_internal_traffic_policy(
            d.pop("internalTrafficPolicy", UNSET)
        )

        def _parse_traffic_distribution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        traffic_distribution = _parse_traffic_distribution(d.pop("trafficDistribution", UNSET))

        service_spec = cls(
            ports=ports,
            selector=selector,
            cluster_ip=cluster_ip,
            cluster_i_ps=cluster_i_ps,
            type_=type_,
            external_i_ps=external_i_ps,
            session_affinity=session_affinity,
            load_balancer_ip=load_balancer_ip,
            load_balancer_source_ranges=load_balancer_source_ranges,
            external_name=external_name,
            external_traffic_policy=external_traffic_policy,
            health_check_node_port=health_check_node_port,
            publish_not_ready_addresses=publish_not_ready_addresses,
            session_affinity_config=session_affinity_config,
            ip_families=ip_families,
            ip_family_policy=ip_family_policy,
            allocate_load_balancer_node_ports=allocate_load_balancer_node_ports,
            load_balancer_class=load_balancer_class,
            internal_traffic_policy=internal_traffic_policy,
            traffic_distribution=traffic_distribution,
        )

        return service_spec
