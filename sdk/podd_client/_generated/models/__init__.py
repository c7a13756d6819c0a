"""Contains all the data models used in inputs/outputs"""

from .api_v1_response_200 import ApiV1Response200
from .api_versions_response_200 import ApiVersionsResponse200
from .apis_authentication_k8s_io_response_200 import ApisAuthenticationK8SIoResponse200
from .apis_authentication_k8s_iov_1_response_200 import (
    ApisAuthenticationK8SIov1Response200,
)
from .apis_authorization_k8s_io_response_200 import ApisAuthorizationK8SIoResponse200
from .apis_authorization_k8s_iov_1_response_200 import (
    ApisAuthorizationK8SIov1Response200,
)
from .apis_discovery_k8s_io_response_200 import ApisDiscoveryK8SIoResponse200
from .apis_discovery_k8s_iov_1_response_200 import ApisDiscoveryK8SIov1Response200
from .apis_metrics_k8s_io_response_200 import ApisMetricsK8SIoResponse200
from .apis_metrics_k8s_iov_1_beta_1_response_200 import (
    ApisMetricsK8SIov1Beta1Response200,
)
from .apis_response_200 import ApisResponse200
from .app_armor_profile import AppArmorProfile
from .capabilities import Capabilities
from .cgroup_stats import CgroupStats
from .client_ip_config import ClientIPConfig
from .config_map import ConfigMap
from .config_map_api_version import ConfigMapApiVersion
from .config_map_binary_data_type_0 import ConfigMapBinaryDataType0
from .config_map_data_type_0 import ConfigMapDataType0
from .config_map_env_source import ConfigMapEnvSource
from .config_map_key_selector import ConfigMapKeySelector
from .config_map_kind import ConfigMapKind
from .config_map_list import ConfigMapList
from .config_map_list_api_version import ConfigMapListApiVersion
from .config_map_list_kind import ConfigMapListKind
from .config_map_projection import ConfigMapProjection
from .config_map_volume_source import ConfigMapVolumeSource
from .configmaps_create_dry_run import ConfigmapsCreateDryRun
from .configmaps_create_field_validation import ConfigmapsCreateFieldValidation
from .configmaps_delete_dry_run import ConfigmapsDeleteDryRun
from .configmaps_delete_propagation_policy import ConfigmapsDeletePropagationPolicy
from .configmaps_patch_dry_run import ConfigmapsPatchDryRun
from .configmaps_patch_field_validation import ConfigmapsPatchFieldValidation
from .configmaps_patch_json_body import ConfigmapsPatchJsonBody
from .configmaps_patch_json_body_item_type_0 import ConfigmapsPatchJsonBodyItemType0
from .configmaps_patch_json_body_item_type_0_op import (
    ConfigmapsPatchJsonBodyItemType0Op,
)
from .configmaps_patch_json_body_item_type_1 import ConfigmapsPatchJsonBodyItemType1
from .configmaps_patch_json_body_item_type_2 import ConfigmapsPatchJsonBodyItemType2
from .configmaps_patch_json_body_item_type_2_op import (
    ConfigmapsPatchJsonBodyItemType2Op,
)
from .configmaps_replace_dry_run import ConfigmapsReplaceDryRun
from .configmaps_replace_field_validation import ConfigmapsReplaceFieldValidation
from .container import Container
from .container_config import ContainerConfig
from .container_config_exposed_ports_type_0 import ContainerConfigExposedPortsType0
from .container_config_exposed_ports_type_0_additional_property import (
    ContainerConfigExposedPortsType0AdditionalProperty,
)
from .container_config_labels_type_0 import ContainerConfigLabelsType0
from .container_config_volumes_type_0 import ContainerConfigVolumesType0
from .container_config_volumes_type_0_additional_property import (
    ContainerConfigVolumesType0AdditionalProperty,
)
from .container_metrics import ContainerMetrics
from .container_metrics_usage import ContainerMetricsUsage
from .container_port import ContainerPort
from .container_resize_policy import ContainerResizePolicy
from .container_state import ContainerState
from .container_state_running import ContainerStateRunning
from .container_state_terminated import ContainerStateTerminated
from .container_state_waiting import ContainerStateWaiting
from .container_stats import ContainerStats
from .container_status import ContainerStatus
from .container_status_allocated_resources_type_0 import (
    ContainerStatusAllocatedResourcesType0,
)
from .delete_options import DeleteOptions
from .delete_options_api_version import DeleteOptionsApiVersion
from .delete_options_dry_run_type_0_item import DeleteOptionsDryRunType0Item
from .delete_options_kind import DeleteOptionsKind
from .delete_options_propagation_policy_type_0 import (
    DeleteOptionsPropagationPolicyType0,
)
from .downward_api_projection import DownwardAPIProjection
from .downward_api_volume_file import DownwardAPIVolumeFile
from .downward_api_volume_source import DownwardAPIVolumeSource
from .empty_dir_volume_source import EmptyDirVolumeSource
from .endpoint import Endpoint
from .endpoint_address import EndpointAddress
from .endpoint_conditions import EndpointConditions
from .endpoint_deprecated_topology_type_0 import EndpointDeprecatedTopologyType0
from .endpoint_hints import EndpointHints
from .endpoint_port import EndpointPort
from .endpoint_slice import EndpointSlice
from .endpoint_slice_api_version import EndpointSliceApiVersion
from .endpoint_slice_kind import EndpointSliceKind
from .endpoint_slice_list import EndpointSliceList
from .endpoint_slice_list_api_version import EndpointSliceListApiVersion
from .endpoint_slice_list_kind import EndpointSliceListKind
from .endpoint_slice_port import EndpointSlicePort
from .endpoint_subset import EndpointSubset
from .endpoints import Endpoints
from .endpoints_api_version import EndpointsApiVersion
from .endpoints_create_dry_run import EndpointsCreateDryRun
from .endpoints_create_field_validation import EndpointsCreateFieldValidation
from .endpoints_delete_dry_run import EndpointsDeleteDryRun
from .endpoints_delete_propagation_policy import EndpointsDeletePropagationPolicy
from .endpoints_kind import EndpointsKind
from .endpoints_list import EndpointsList
from .endpoints_list_api_version import EndpointsListApiVersion
from .endpoints_list_kind import EndpointsListKind
from .endpoints_patch_dry_run import EndpointsPatchDryRun
from .endpoints_patch_field_validation import EndpointsPatchFieldValidation
from .endpoints_patch_json_body import EndpointsPatchJsonBody
from .endpoints_patch_json_body_item_type_0 import EndpointsPatchJsonBodyItemType0
from .endpoints_patch_json_body_item_type_0_op import EndpointsPatchJsonBodyItemType0Op
from .endpoints_patch_json_body_item_type_1 import EndpointsPatchJsonBodyItemType1
from .endpoints_patch_json_body_item_type_2 import EndpointsPatchJsonBodyItemType2
from .endpoints_patch_json_body_item_type_2_op import EndpointsPatchJsonBodyItemType2Op
from .endpoints_replace_dry_run import EndpointsReplaceDryRun
from .endpoints_replace_field_validation import EndpointsReplaceFieldValidation
from .endpointslices_create_dry_run import EndpointslicesCreateDryRun
from .endpointslices_create_field_validation import EndpointslicesCreateFieldValidation
from .endpointslices_delete_dry_run import EndpointslicesDeleteDryRun
from .endpointslices_delete_propagation_policy import (
    EndpointslicesDeletePropagationPolicy,
)
from .endpointslices_patch_dry_run import EndpointslicesPatchDryRun
from .endpointslices_patch_field_validation import EndpointslicesPatchFieldValidation
from .endpointslices_patch_json_body import EndpointslicesPatchJsonBody
from .endpointslices_patch_json_body_item_type_0 import (
    EndpointslicesPatchJsonBodyItemType0,
)
from .endpointslices_patch_json_body_item_type_0_op import (
    EndpointslicesPatchJsonBodyItemType0Op,
)
from .endpointslices_patch_json_body_item_type_1 import (
    EndpointslicesPatchJsonBodyItemType1,
)
from .endpointslices_patch_json_body_item_type_2 import (
    EndpointslicesPatchJsonBodyItemType2,
)
from .endpointslices_patch_json_body_item_type_2_op import (
    EndpointslicesPatchJsonBodyItemType2Op,
)
from .endpointslices_replace_dry_run import EndpointslicesReplaceDryRun
from .endpointslices_replace_field_validation import (
    EndpointslicesReplaceFieldValidation,
)
from .env_from_source import EnvFromSource
from .env_var import EnvVar
from .env_var_source import EnvVarSource
from .ephemeral_container import EphemeralContainer
from .ephemeralcontainers_patch_dry_run import EphemeralcontainersPatchDryRun
from .ephemeralcontainers_patch_field_validation import (
    EphemeralcontainersPatchFieldValidation,
)
from .ephemeralcontainers_patch_json_body import EphemeralcontainersPatchJsonBody
from .ephemeralcontainers_patch_json_body_item_type_0 import (
    EphemeralcontainersPatchJsonBodyItemType0,
)
from .ephemeralcontainers_patch_json_body_item_type_0_op import (
    EphemeralcontainersPatchJsonBodyItemType0Op,
)
from .ephemeralcontainers_patch_json_body_item_type_1 import (
    EphemeralcontainersPatchJsonBodyItemType1,
)
from .ephemeralcontainers_patch_json_body_item_type_2 import (
    EphemeralcontainersPatchJsonBodyItemType2,
)
from .ephemeralcontainers_patch_json_body_item_type_2_op import (
    EphemeralcontainersPatchJsonBodyItemType2Op,
)
from .ephemeralcontainers_replace_dry_run import EphemeralcontainersReplaceDryRun
from .ephemeralcontainers_replace_field_validation import (
    EphemeralcontainersReplaceFieldValidation,
)
from .etc_paths import EtcPaths
from .event import Event
from .event_api_version import EventApiVersion
from .event_kind import EventKind
from .event_list import EventList
from .event_list_api_version import EventListApiVersion
from .event_list_kind import EventListKind
from .event_series import EventSeries
from .event_source import EventSource
from .events_create_dry_run import EventsCreateDryRun
from .events_create_field_validation import EventsCreateFieldValidation
from .events_delete_dry_run import EventsDeleteDryRun
from .events_delete_propagation_policy import EventsDeletePropagationPolicy
from .events_patch_dry_run import EventsPatchDryRun
from .events_patch_field_validation import EventsPatchFieldValidation
from .events_patch_json_body import EventsPatchJsonBody
from .events_patch_json_body_item_type_0 import EventsPatchJsonBodyItemType0
from .events_patch_json_body_item_type_0_op import EventsPatchJsonBodyItemType0Op
from .events_patch_json_body_item_type_1 import EventsPatchJsonBodyItemType1
from .events_patch_json_body_item_type_2 import EventsPatchJsonBodyItemType2
from .events_patch_json_body_item_type_2_op import EventsPatchJsonBodyItemType2Op
from .events_replace_dry_run import EventsReplaceDryRun
from .events_replace_field_validation import EventsReplaceFieldValidation
from .exec_action import ExecAction
from .exec_request import ExecRequest
from .exec_result import ExecResult
from .field_selector_attributes import FieldSelectorAttributes
from .field_selector_requirement import FieldSelectorRequirement
from .for_zone import ForZone
from .forward_state import ForwardState
from .grpc_action import GRPCAction
from .history import History
from .host_alias import HostAlias
from .host_ip import HostIP
from .host_path_volume_source import HostPathVolumeSource
from .http_get_action import HTTPGetAction
from .http_header import HTTPHeader
from .image_config import ImageConfig
from .image_list import ImageList
from .image_record import ImageRecord
from .image_record_source import ImageRecordSource
from .image_summary import ImageSummary
from .image_volume_source import ImageVolumeSource
from .info_response_200 import InfoResponse200
from .key_to_path import KeyToPath
from .label_selector_attributes import LabelSelectorAttributes
from .label_selector_requirement import LabelSelectorRequirement
from .layer_progress import LayerProgress
from .layer_progress_state import LayerProgressState
from .layer_progress_type import LayerProgressType
from .layer_record import LayerRecord
from .lifecycle import Lifecycle
from .lifecycle_handler import LifecycleHandler
from .list_meta import ListMeta
from .load_balancer_ingress import LoadBalancerIngress
from .load_balancer_status import LoadBalancerStatus
from .local_object_reference import LocalObjectReference
from .namespace import Namespace
from .namespace_api_version import NamespaceApiVersion
from .namespace_condition import NamespaceCondition
from .namespace_kind import NamespaceKind
from .namespace_list import NamespaceList
from .namespace_list_api_version import NamespaceListApiVersion
from .namespace_list_kind import NamespaceListKind
from .namespace_spec import NamespaceSpec
from .namespace_status import NamespaceStatus
from .namespaces_create_dry_run import NamespacesCreateDryRun
from .namespaces_create_field_validation import NamespacesCreateFieldValidation
from .namespaces_delete_dry_run import NamespacesDeleteDryRun
from .namespaces_delete_propagation_policy import NamespacesDeletePropagationPolicy
from .namespaces_patch_dry_run import NamespacesPatchDryRun
from .namespaces_patch_field_validation import NamespacesPatchFieldValidation
from .namespaces_patch_json_body import NamespacesPatchJsonBody
from .namespaces_patch_json_body_item_type_0 import NamespacesPatchJsonBodyItemType0
from .namespaces_patch_json_body_item_type_0_op import (
    NamespacesPatchJsonBodyItemType0Op,
)
from .namespaces_patch_json_body_item_type_1 import NamespacesPatchJsonBodyItemType1
from .namespaces_patch_json_body_item_type_2 import NamespacesPatchJsonBodyItemType2
from .namespaces_patch_json_body_item_type_2_op import (
    NamespacesPatchJsonBodyItemType2Op,
)
from .namespaces_replace_dry_run import NamespacesReplaceDryRun
from .namespaces_replace_field_validation import NamespacesReplaceFieldValidation
from .node import Node
from .node_address import NodeAddress
from .node_api_version import NodeApiVersion
from .node_condition import NodeCondition
from .node_kind import NodeKind
from .node_list import NodeList
from .node_list_api_version import NodeListApiVersion
from .node_list_kind import NodeListKind
from .node_metrics import NodeMetrics
from .node_metrics_api_version import NodeMetricsApiVersion
from .node_metrics_kind import NodeMetricsKind
from .node_metrics_list import NodeMetricsList
from .node_metrics_list_api_version import NodeMetricsListApiVersion
from .node_metrics_list_kind import NodeMetricsListKind
from .node_metrics_usage import NodeMetricsUsage
from .node_spec import NodeSpec
from .node_status import NodeStatus
from .node_status_allocatable_type_0 import NodeStatusAllocatableType0
from .node_status_capacity_type_0 import NodeStatusCapacityType0
from .node_system_info import NodeSystemInfo
from .non_resource_attributes import NonResourceAttributes
from .non_resource_rule import NonResourceRule
from .not_enforced import NotEnforced
from .object_field_selector import ObjectFieldSelector
from .object_meta import ObjectMeta
from .object_meta_annotations_type_0 import ObjectMetaAnnotationsType0
from .object_meta_labels_type_0 import ObjectMetaLabelsType0
from .object_meta_managed_fields_type_0_item import ObjectMetaManagedFieldsType0Item
from .object_reference import ObjectReference
from .owner_reference import OwnerReference
from .owner_reference_api_version import OwnerReferenceApiVersion
from .owner_reference_kind import OwnerReferenceKind
from .pause_handle import PauseHandle
from .persistent_volume_claim_volume_source import PersistentVolumeClaimVolumeSource
from .pod import Pod
from .pod_api_version import PodApiVersion
from .pod_condition import PodCondition
from .pod_dns_config import PodDNSConfig
from .pod_dns_config_option import PodDNSConfigOption
from .pod_ip import PodIP
from .pod_kind import PodKind
from .pod_list import PodList
from .pod_list_api_version import PodListApiVersion
from .pod_list_kind import PodListKind
from .pod_metrics import PodMetrics
from .pod_metrics_api_version import PodMetricsApiVersion
from .pod_metrics_kind import PodMetricsKind
from .pod_metrics_list import PodMetricsList
from .pod_metrics_list_api_version import PodMetricsListApiVersion
from .pod_metrics_list_kind import PodMetricsListKind
from .pod_os import PodOS
from .pod_readiness_gate import PodReadinessGate
from .pod_scheduling_gate import PodSchedulingGate
from .pod_security_context import PodSecurityContext
from .pod_security_context_windows_options_type_0 import (
    PodSecurityContextWindowsOptionsType0,
)
from .pod_spec import PodSpec
from .pod_spec_affinity_type_0 import PodSpecAffinityType0
from .pod_spec_node_selector_type_0 import PodSpecNodeSelectorType0
from .pod_spec_overhead_type_0 import PodSpecOverheadType0
from .pod_spec_resource_claims_type_0_item import PodSpecResourceClaimsType0Item
from .pod_spec_topology_spread_constraints_type_0_item import (
    PodSpecTopologySpreadConstraintsType0Item,
)
from .pod_stats import PodStats
from .pod_status import PodStatus
from .pods_create_dry_run import PodsCreateDryRun
from .pods_create_field_validation import PodsCreateFieldValidation
from .pods_delete_dry_run import PodsDeleteDryRun
from .pods_delete_propagation_policy import PodsDeletePropagationPolicy
from .pods_log_stream import PodsLogStream
from .pods_patch_dry_run import PodsPatchDryRun
from .pods_patch_field_validation import PodsPatchFieldValidation
from .pods_patch_json_body import PodsPatchJsonBody
from .pods_patch_json_body_item_type_0 import PodsPatchJsonBodyItemType0
from .pods_patch_json_body_item_type_0_op import PodsPatchJsonBodyItemType0Op
from .pods_patch_json_body_item_type_1 import PodsPatchJsonBodyItemType1
from .pods_patch_json_body_item_type_2 import PodsPatchJsonBodyItemType2
from .pods_patch_json_body_item_type_2_op import PodsPatchJsonBodyItemType2Op
from .pods_replace_dry_run import PodsReplaceDryRun
from .pods_replace_field_validation import PodsReplaceFieldValidation
from .port_forward import PortForward
from .port_forward_protocol import PortForwardProtocol
from .port_status import PortStatus
from .preconditions import Preconditions
from .probe import Probe
from .process_ref import ProcessRef
from .projected_volume_source import ProjectedVolumeSource
from .pull_complete import PullComplete
from .pull_complete_type import PullCompleteType
from .pull_failed import PullFailed
from .pull_failed_type import PullFailedType
from .pull_request import PullRequest
from .pull_resolved import PullResolved
from .pull_resolved_type import PullResolvedType
from .remove_report import RemoveReport
from .resource_attributes import ResourceAttributes
from .resource_claim import ResourceClaim
from .resource_field_selector import ResourceFieldSelector
from .resource_requirements import ResourceRequirements
from .resource_requirements_limits_type_0 import ResourceRequirementsLimitsType0
from .resource_requirements_requests_type_0 import ResourceRequirementsRequestsType0
from .resource_rule import ResourceRule
from .root_fs import RootFS
from .sandbox_state import SandboxState
from .se_linux_options import SELinuxOptions
from .seccomp_profile import SeccompProfile
from .secret import Secret
from .secret_api_version import SecretApiVersion
from .secret_data_type_0 import SecretDataType0
from .secret_env_source import SecretEnvSource
from .secret_key_selector import SecretKeySelector
from .secret_kind import SecretKind
from .secret_list import SecretList
from .secret_list_api_version import SecretListApiVersion
from .secret_list_kind import SecretListKind
from .secret_projection import SecretProjection
from .secret_string_data_type_0 import SecretStringDataType0
from .secret_volume_source import SecretVolumeSource
from .secrets_create_dry_run import SecretsCreateDryRun
from .secrets_create_field_validation import SecretsCreateFieldValidation
from .secrets_delete_dry_run import SecretsDeleteDryRun
from .secrets_delete_propagation_policy import SecretsDeletePropagationPolicy
from .secrets_patch_dry_run import SecretsPatchDryRun
from .secrets_patch_field_validation import SecretsPatchFieldValidation
from .secrets_patch_json_body import SecretsPatchJsonBody
from .secrets_patch_json_body_item_type_0 import SecretsPatchJsonBodyItemType0
from .secrets_patch_json_body_item_type_0_op import SecretsPatchJsonBodyItemType0Op
from .secrets_patch_json_body_item_type_1 import SecretsPatchJsonBodyItemType1
from .secrets_patch_json_body_item_type_2 import SecretsPatchJsonBodyItemType2
from .secrets_patch_json_body_item_type_2_op import SecretsPatchJsonBodyItemType2Op
from .secrets_replace_dry_run import SecretsReplaceDryRun
from .secrets_replace_field_validation import SecretsReplaceFieldValidation
from .security_context import SecurityContext
from .security_context_windows_options_type_0 import SecurityContextWindowsOptionsType0
from .self_subject_access_review import SelfSubjectAccessReview
from .self_subject_access_review_api_version import SelfSubjectAccessReviewApiVersion
from .self_subject_access_review_kind import SelfSubjectAccessReviewKind
from .self_subject_access_review_spec import SelfSubjectAccessReviewSpec
from .self_subject_review import SelfSubjectReview
from .self_subject_review_api_version import SelfSubjectReviewApiVersion
from .self_subject_review_kind import SelfSubjectReviewKind
from .self_subject_review_status import SelfSubjectReviewStatus
from .self_subject_rules_review import SelfSubjectRulesReview
from .self_subject_rules_review_api_version import SelfSubjectRulesReviewApiVersion
from .self_subject_rules_review_kind import SelfSubjectRulesReviewKind
from .self_subject_rules_review_spec import SelfSubjectRulesReviewSpec
from .selfsubjectaccessreviews_create_dry_run import (
    SelfsubjectaccessreviewsCreateDryRun,
)
from .selfsubjectaccessreviews_create_field_validation import (
    SelfsubjectaccessreviewsCreateFieldValidation,
)
from .selfsubjectreviews_create_dry_run import SelfsubjectreviewsCreateDryRun
from .selfsubjectreviews_create_field_validation import (
    SelfsubjectreviewsCreateFieldValidation,
)
from .selfsubjectrulesreviews_create_dry_run import SelfsubjectrulesreviewsCreateDryRun
from .selfsubjectrulesreviews_create_field_validation import (
    SelfsubjectrulesreviewsCreateFieldValidation,
)
from .selfsubjectrulesreviews_create_json_body import (
    SelfsubjectrulesreviewsCreateJsonBody,
)
from .selfsubjectrulesreviews_create_json_body_spec import (
    SelfsubjectrulesreviewsCreateJsonBodySpec,
)
from .service import Service
from .service_account_token_projection import ServiceAccountTokenProjection
from .service_api_version import ServiceApiVersion
from .service_condition import ServiceCondition
from .service_kind import ServiceKind
from .service_list import ServiceList
from .service_list_api_version import ServiceListApiVersion
from .service_list_kind import ServiceListKind
from .service_port import ServicePort
from .service_spec import ServiceSpec
from .service_spec_selector_type_0 import ServiceSpecSelectorType0
from .service_status import ServiceStatus
from .services_create_dry_run import ServicesCreateDryRun
from .services_create_field_validation import ServicesCreateFieldValidation
from .services_delete_dry_run import ServicesDeleteDryRun
from .services_delete_propagation_policy import ServicesDeletePropagationPolicy
from .services_patch_dry_run import ServicesPatchDryRun
from .services_patch_field_validation import ServicesPatchFieldValidation
from .services_patch_json_body import ServicesPatchJsonBody
from .services_patch_json_body_item_type_0 import ServicesPatchJsonBodyItemType0
from .services_patch_json_body_item_type_0_op import ServicesPatchJsonBodyItemType0Op
from .services_patch_json_body_item_type_1 import ServicesPatchJsonBodyItemType1
from .services_patch_json_body_item_type_2 import ServicesPatchJsonBodyItemType2
from .services_patch_json_body_item_type_2_op import ServicesPatchJsonBodyItemType2Op
from .services_replace_dry_run import ServicesReplaceDryRun
from .services_replace_field_validation import ServicesReplaceFieldValidation
from .session_affinity_config import SessionAffinityConfig
from .sleep_action import SleepAction
from .slirp_handle import SlirpHandle
from .slirp_options import SlirpOptions
from .status import Status
from .status_api_version import StatusApiVersion
from .status_cause import StatusCause
from .status_details import StatusDetails
from .status_kind import StatusKind
from .subject_access_review_status import SubjectAccessReviewStatus
from .subject_rules_review_status import SubjectRulesReviewStatus
from .sysctl import Sysctl
from .tcp_socket_action import TCPSocketAction
from .toleration import Toleration
from .user_info import UserInfo
from .user_info_extra_type_0 import UserInfoExtraType0
from .version_response_200 import VersionResponse200
from .volume import Volume
from .volume_device import VolumeDevice
from .volume_mount import VolumeMount
from .volume_projection import VolumeProjection
from .volume_projection_cluster_trust_bundle_type_0 import (
    VolumeProjectionClusterTrustBundleType0,
)
from .watch_event import WatchEvent
from .watch_event_type import WatchEventType

__all__ = (
    "ApiV1Response200",
    "ApiVersionsResponse200",
    "ApisAuthenticationK8SIoResponse200",
    "ApisAuthenticationK8SIov1Response200",
    "ApisAuthorizationK8SIoResponse200",
    "ApisAuthorizationK8SIov1Response200",
    "ApisDiscoveryK8SIoResponse200",
    "ApisDiscoveryK8SIov1Response200",
    "ApisMetricsK8SIoResponse200",
    "ApisMetricsK8SIov1Beta1Response200",
    "ApisResponse200",
    "AppArmorProfile",
    "Capabilities",
    "CgroupStats",
    "ClientIPConfig",
    "ConfigMap",
    "ConfigMapApiVersion",
    "ConfigMapBinaryDataType0",
    "ConfigMapDataType0",
    "ConfigMapEnvSource",
    "ConfigMapKeySelector",
    "ConfigMapKind",
    "ConfigMapList",
    "ConfigMapListApiVersion",
    "ConfigMapListKind",
    "ConfigMapProjection",
    "ConfigMapVolumeSource",
    "ConfigmapsCreateDryRun",
    "ConfigmapsCreateFieldValidation",
    "ConfigmapsDeleteDryRun",
    "ConfigmapsDeletePropagationPolicy",
    "ConfigmapsPatchDryRun",
    "ConfigmapsPatchFieldValidation",
    "ConfigmapsPatchJsonBody",
    "ConfigmapsPatchJsonBodyItemType0",
    "ConfigmapsPatchJsonBodyItemType0Op",
    "ConfigmapsPatchJsonBodyItemType1",
    "ConfigmapsPatchJsonBodyItemType2",
    "ConfigmapsPatchJsonBodyItemType2Op",
    "ConfigmapsReplaceDryRun",
    "ConfigmapsReplaceFieldValidation",
    "Container",
    "ContainerConfig",
    "ContainerConfigExposedPortsType0",
    "ContainerConfigExposedPortsType0AdditionalProperty",
    "ContainerConfigLabelsType0",
    "ContainerConfigVolumesType0",
    "ContainerConfigVolumesType0AdditionalProperty",
    "ContainerMetrics",
    "ContainerMetricsUsage",
    "ContainerPort",
    "ContainerResizePolicy",
    "ContainerState",
    "ContainerStateRunning",
    "ContainerStateTerminated",
    "ContainerStateWaiting",
    "ContainerStats",
    "ContainerStatus",
    "ContainerStatusAllocatedResourcesType0",
    "DeleteOptions",
    "DeleteOptionsApiVersion",
    "DeleteOptionsDryRunType0Item",
    "DeleteOptionsKind",
    "DeleteOptionsPropagationPolicyType0",
    "DownwardAPIProjection",
    "DownwardAPIVolumeFile",
    "DownwardAPIVolumeSource",
    "EmptyDirVolumeSource",
    "Endpoint",
    "EndpointAddress",
    "EndpointConditions",
    "EndpointDeprecatedTopologyType0",
    "EndpointHints",
    "EndpointPort",
    "EndpointSlice",
    "EndpointSliceApiVersion",
    "EndpointSliceKind",
    "EndpointSliceList",
    "EndpointSliceListApiVersion",
    "EndpointSliceListKind",
    "EndpointSlicePort",
    "EndpointSubset",
    "Endpoints",
    "EndpointsApiVersion",
    "EndpointsCreateDryRun",
    "EndpointsCreateFieldValidation",
    "EndpointsDeleteDryRun",
    "EndpointsDeletePropagationPolicy",
    "EndpointsKind",
    "EndpointsList",
    "EndpointsListApiVersion",
    "EndpointsListKind",
    "EndpointsPatchDryRun",
    "EndpointsPatchFieldValidation",
    "EndpointsPatchJsonBody",
    "EndpointsPatchJsonBodyItemType0",
    "EndpointsPatchJsonBodyItemType0Op",
    "EndpointsPatchJsonBodyItemType1",
    "EndpointsPatchJsonBodyItemType2",
    "EndpointsPatchJsonBodyItemType2Op",
    "EndpointsReplaceDryRun",
    "EndpointsReplaceFieldValidation",
    "EndpointslicesCreateDryRun",
    "EndpointslicesCreateFieldValidation",
    "EndpointslicesDeleteDryRun",
    "EndpointslicesDeletePropagationPolicy",
    "EndpointslicesPatchDryRun",
    "EndpointslicesPatchFieldValidation",
    "EndpointslicesPatchJsonBody",
    "EndpointslicesPatchJsonBodyItemType0",
    "EndpointslicesPatchJsonBodyItemType0Op",
    "EndpointslicesPatchJsonBodyItemType1",
    "EndpointslicesPatchJsonBodyItemType2",
    "EndpointslicesPatchJsonBodyItemType2Op",
    "EndpointslicesReplaceDryRun",
    "EndpointslicesReplaceFieldValidation",
    "EnvFromSource",
    "EnvVar",
    "EnvVarSource",
    "EphemeralContainer",
    "EphemeralcontainersPatchDryRun",
    "EphemeralcontainersPatchFieldValidation",
    "EphemeralcontainersPatchJsonBody",
    "EphemeralcontainersPatchJsonBodyItemType0",
    "EphemeralcontainersPatchJsonBodyItemType0Op",
    "EphemeralcontainersPatchJsonBodyItemType1",
    "EphemeralcontainersPatchJsonBodyItemType2",
    "EphemeralcontainersPatchJsonBodyItemType2Op",
    "EphemeralcontainersReplaceDryRun",
    "EphemeralcontainersReplaceFieldValidation",
    "EtcPaths",
    "Event",
    "EventApiVersion",
    "EventKind",
    "EventList",
    "EventListApiVersion",
    "EventListKind",
    "EventSeries",
    "EventSource",
    "EventsCreateDryRun",
    "EventsCreateFieldValidation",
    "EventsDeleteDryRun",
    "EventsDeletePropagationPolicy",
    "EventsPatchDryRun",
    "EventsPatchFieldValidation",
    "EventsPatchJsonBody",
    "EventsPatchJsonBodyItemType0",
    "EventsPatchJsonBodyItemType0Op",
    "EventsPatchJsonBodyItemType1",
    "EventsPatchJsonBodyItemType2",
    "EventsPatchJsonBodyItemType2Op",
    "EventsReplaceDryRun",
    "EventsReplaceFieldValidation",
    "ExecAction",
    "ExecRequest",
    "ExecResult",
    "FieldSelectorAttributes",
    "FieldSelectorRequirement",
    "ForZone",
    "ForwardState",
    "GRPCAction",
    "HTTPGetAction",
    "HTTPHeader",
    "History",
    "HostAlias",
    "HostIP",
    "HostPathVolumeSource",
    "ImageConfig",
    "ImageList",
    "ImageRecord",
    "ImageRecordSource",
    "ImageSummary",
    "ImageVolumeSource",
    "InfoResponse200",
    "KeyToPath",
    "LabelSelectorAttributes",
    "LabelSelectorRequirement",
    "LayerProgress",
    "LayerProgressState",
    "LayerProgressType",
    "LayerRecord",
    "Lifecycle",
    "LifecycleHandler",
    "ListMeta",
    "LoadBalancerIngress",
    "LoadBalancerStatus",
    "LocalObjectReference",
    "Namespace",
    "NamespaceApiVersion",
    "NamespaceCondition",
    "NamespaceKind",
    "NamespaceList",
    "NamespaceListApiVersion",
    "NamespaceListKind",
    "NamespaceSpec",
    "NamespaceStatus",
    "NamespacesCreateDryRun",
    "NamespacesCreateFieldValidation",
    "NamespacesDeleteDryRun",
    "NamespacesDeletePropagationPolicy",
    "NamespacesPatchDryRun",
    "NamespacesPatchFieldValidation",
    "NamespacesPatchJsonBody",
    "NamespacesPatchJsonBodyItemType0",
    "NamespacesPatchJsonBodyItemType0Op",
    "NamespacesPatchJsonBodyItemType1",
    "NamespacesPatchJsonBodyItemType2",
    "NamespacesPatchJsonBodyItemType2Op",
    "NamespacesReplaceDryRun",
    "NamespacesReplaceFieldValidation",
    "Node",
    "NodeAddress",
    "NodeApiVersion",
    "NodeCondition",
    "NodeKind",
    "NodeList",
    "NodeListApiVersion",
    "NodeListKind",
    "NodeMetrics",
    "NodeMetricsApiVersion",
    "NodeMetricsKind",
    "NodeMetricsList",
    "NodeMetricsListApiVersion",
    "NodeMetricsListKind",
    "NodeMetricsUsage",
    "NodeSpec",
    "NodeStatus",
    "NodeStatusAllocatableType0",
    "NodeStatusCapacityType0",
    "NodeSystemInfo",
    "NonResourceAttributes",
    "NonResourceRule",
    "NotEnforced",
    "ObjectFieldSelector",
    "ObjectMeta",
    "ObjectMetaAnnotationsType0",
    "ObjectMetaLabelsType0",
    "ObjectMetaManagedFieldsType0Item",
    "ObjectReference",
    "OwnerReference",
    "OwnerReferenceApiVersion",
    "OwnerReferenceKind",
    "PauseHandle",
    "PersistentVolumeClaimVolumeSource",
    "Pod",
    "PodApiVersion",
    "PodCondition",
    "PodDNSConfig",
    "PodDNSConfigOption",
    "PodIP",
    "PodKind",
    "PodList",
    "PodListApiVersion",
    "PodListKind",
    "PodMetrics",
    "PodMetricsApiVersion",
    "PodMetricsKind",
    "PodMetricsList",
    "PodMetricsListApiVersion",
    "PodMetricsListKind",
    "PodOS",
    "PodReadinessGate",
    "PodSchedulingGate",
    "PodSecurityContext",
    "PodSecurityContextWindowsOptionsType0",
    "PodSpec",
    "PodSpecAffinityType0",
    "PodSpecNodeSelectorType0",
    "PodSpecOverheadType0",
    "PodSpecResourceClaimsType0Item",
    "PodSpecTopologySpreadConstraintsType0Item",
    "PodStats",
    "PodStatus",
    "PodsCreateDryRun",
    "PodsCreateFieldValidation",
    "PodsDeleteDryRun",
    "PodsDeletePropagationPolicy",
    "PodsLogStream",
    "PodsPatchDryRun",
    "PodsPatchFieldValidation",
    "PodsPatchJsonBody",
    "PodsPatchJsonBodyItemType0",
    "PodsPatchJsonBodyItemType0Op",
    "PodsPatchJsonBodyItemType1",
    "PodsPatchJsonBodyItemType2",
    "PodsPatchJsonBodyItemType2Op",
    "PodsReplaceDryRun",
    "PodsReplaceFieldValidation",
    "PortForward",
    "PortForwardProtocol",
    "PortStatus",
    "Preconditions",
    "Probe",
    "ProcessRef",
    "ProjectedVolumeSource",
    "PullComplete",
    "PullCompleteType",
    "PullFailed",
    "PullFailedType",
    "PullRequest",
    "PullResolved",
    "PullResolvedType",
    "RemoveReport",
    "ResourceAttributes",
    "ResourceClaim",
    "ResourceFieldSelector",
    "ResourceRequirements",
    "ResourceRequirementsLimitsType0",
    "ResourceRequirementsRequestsType0",
    "ResourceRule",
    "RootFS",
    "SELinuxOptions",
    "SandboxState",
    "SeccompProfile",
    "Secret",
    "SecretApiVersion",
    "SecretDataType0",
    "SecretEnvSource",
    "SecretKeySelector",
    "SecretKind",
    "SecretList",
    "SecretListApiVersion",
    "SecretListKind",
    "SecretProjection",
    "SecretStringDataType0",
    "SecretVolumeSource",
    "SecretsCreateDryRun",
    "SecretsCreateFieldValidation",
    "SecretsDeleteDryRun",
    "SecretsDeletePropagationPolicy",
    "SecretsPatchDryRun",
    "SecretsPatchFieldValidation",
    "SecretsPatchJsonBody",
    "SecretsPatchJsonBodyItemType0",
    "SecretsPatchJsonBodyItemType0Op",
    "SecretsPatchJsonBodyItemType1",
    "SecretsPatchJsonBodyItemType2",
    "SecretsPatchJsonBodyItemType2Op",
    "SecretsReplaceDryRun",
    "SecretsReplaceFieldValidation",
    "SecurityContext",
    "SecurityContextWindowsOptionsType0",
    "SelfSubjectAccessReview",
    "SelfSubjectAccessReviewApiVersion",
    "SelfSubjectAccessReviewKind",
    "SelfSubjectAccessReviewSpec",
    "SelfSubjectReview",
    "SelfSubjectReviewApiVersion",
    "SelfSubjectReviewKind",
    "SelfSubjectReviewStatus",
    "SelfSubjectRulesReview",
    "SelfSubjectRulesReviewApiVersion",
    "SelfSubjectRulesReviewKind",
    "SelfSubjectRulesReviewSpec",
    "SelfsubjectaccessreviewsCreateDryRun",
    "SelfsubjectaccessreviewsCreateFieldValidation",
    "SelfsubjectreviewsCreateDryRun",
    "SelfsubjectreviewsCreateFieldValidation",
    "SelfsubjectrulesreviewsCreateDryRun",
    "SelfsubjectrulesreviewsCreateFieldValidation",
    "SelfsubjectrulesreviewsCreateJsonBody",
    "SelfsubjectrulesreviewsCreateJsonBodySpec",
    "Service",
    "ServiceAccountTokenProjection",
    "ServiceApiVersion",
    "ServiceCondition",
    "ServiceKind",
    "ServiceList",
    "ServiceListApiVersion",
    "ServiceListKind",
    "ServicePort",
    "ServiceSpec",
    "ServiceSpecSelectorType0",
    "ServiceStatus",
    "ServicesCreateDryRun",
    "ServicesCreateFieldValidation",
    "ServicesDeleteDryRun",
    "ServicesDeletePropagationPolicy",
    "ServicesPatchDryRun",
    "ServicesPatchFieldValidation",
    "ServicesPatchJsonBody",
    "ServicesPatchJsonBodyItemType0",
    "ServicesPatchJsonBodyItemType0Op",
    "ServicesPatchJsonBodyItemType1",
    "ServicesPatchJsonBodyItemType2",
    "ServicesPatchJsonBodyItemType2Op",
    "ServicesReplaceDryRun",
    "ServicesReplaceFieldValidation",
    "SessionAffinityConfig",
    "SleepAction",
    "SlirpHandle",
    "SlirpOptions",
    "Status",
    "StatusApiVersion",
    "StatusCause",
    "StatusDetails",
    "StatusKind",
    "SubjectAccessReviewStatus",
    "SubjectRulesReviewStatus",
    "Sysctl",
    "TCPSocketAction",
    "Toleration",
    "UserInfo",
    "UserInfoExtraType0",
    "VersionResponse200",
    "Volume",
    "VolumeDevice",
    "VolumeMount",
    "VolumeProjection",
    "VolumeProjectionClusterTrustBundleType0",
    "WatchEvent",
    "WatchEventType",
)
