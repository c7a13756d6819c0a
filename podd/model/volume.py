"""Pod volumes: a name plus exactly one source."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.model.base import K8sStruct
from podd.model.container import ObjectFieldSelector, Quantity, ResourceFieldSelector

__all__ = [
    "VOLUME_SOURCES",
    "ConfigMapProjection",
    "ConfigMapVolumeSource",
    "DownwardAPIProjection",
    "DownwardAPIVolumeFile",
    "DownwardAPIVolumeSource",
    "EmptyDirVolumeSource",
    "HostPathVolumeSource",
    "ImageVolumeSource",
    "KeyToPath",
    "PersistentVolumeClaimVolumeSource",
    "ProjectedVolumeSource",
    "SecretProjection",
    "SecretVolumeSource",
    "ServiceAccountTokenProjection",
    "Volume",
    "VolumeProjection",
]


class KeyToPath(K8sStruct):
    key: str = ""
    path: str = ""
    mode: int | None = None


class EmptyDirVolumeSource(K8sStruct):
    medium: str | None = None
    size_limit: Quantity | None = None


class HostPathVolumeSource(K8sStruct):
    path: str = ""
    type: str | None = None


class ConfigMapVolumeSource(K8sStruct):
    name: str | None = None
    items: list[KeyToPath] | None = None
    default_mode: int | None = None
    optional: bool | None = None


class SecretVolumeSource(K8sStruct):
    secret_name: str | None = None
    items: list[KeyToPath] | None = None
    default_mode: int | None = None
    optional: bool | None = None


class DownwardAPIVolumeFile(K8sStruct):
    path: str = ""
    field_ref: ObjectFieldSelector | None = None
    resource_field_ref: ResourceFieldSelector | None = None
    mode: int | None = None


class DownwardAPIVolumeSource(K8sStruct):
    items: list[DownwardAPIVolumeFile] | None = None
    default_mode: int | None = None


class ConfigMapProjection(K8sStruct):
    name: str | None = None
    items: list[KeyToPath] | None = None
    optional: bool | None = None


class SecretProjection(K8sStruct):
    name: str | None = None
    items: list[KeyToPath] | None = None
    optional: bool | None = None


class DownwardAPIProjection(K8sStruct):
    items: list[DownwardAPIVolumeFile] | None = None


class ServiceAccountTokenProjection(K8sStruct):
    audience: str | None = None
    expiration_seconds: int | None = None
    path: str = ""


class VolumeProjection(K8sStruct):
    config_map: ConfigMapProjection | None = None
    secret: SecretProjection | None = None
    downward_api: DownwardAPIProjection | None = msgspec.field(default=None, name="downwardAPI")
    service_account_token: ServiceAccountTokenProjection | None = None
    cluster_trust_bundle: dict[str, Any] | None = None

    def source_names(self) -> list[str]:
        return [
            name
            for name, value in (
                ("configMap", self.config_map),
                ("secret", self.secret),
                ("downwardAPI", self.downward_api),
                ("serviceAccountToken", self.service_account_token),
                ("clusterTrustBundle", self.cluster_trust_bundle),
            )
            if value is not None
        ]


class ProjectedVolumeSource(K8sStruct):
    sources: list[VolumeProjection] | None = None
    default_mode: int | None = None


class PersistentVolumeClaimVolumeSource(K8sStruct):
    claim_name: str = ""
    read_only: bool | None = None


class ImageVolumeSource(K8sStruct):
    """An OCI image mounted read-only as a volume (Kubernetes' ``image`` volume)."""

    reference: str | None = None
    pull_policy: str | None = None


# (attribute, wire name) of every volume source, in Kubernetes' order.
VOLUME_SOURCES: tuple[tuple[str, str], ...] = (
    ("host_path", "hostPath"),
    ("empty_dir", "emptyDir"),
    ("secret", "secret"),
    ("persistent_volume_claim", "persistentVolumeClaim"),
    ("downward_api", "downwardAPI"),
    ("config_map", "configMap"),
    ("projected", "projected"),
    ("image", "image"),
)


class Volume(K8sStruct):
    name: str = ""
    host_path: HostPathVolumeSource | None = None
    empty_dir: EmptyDirVolumeSource | None = None
    secret: SecretVolumeSource | None = None
    persistent_volume_claim: PersistentVolumeClaimVolumeSource | None = None
    downward_api: DownwardAPIVolumeSource | None = msgspec.field(default=None, name="downwardAPI")
    config_map: ConfigMapVolumeSource | None = None
    projected: ProjectedVolumeSource | None = None
    image: ImageVolumeSource | None = None

    def source_names(self) -> list[str]:
        """Wire names of the sources set (a valid volume has exactly one)."""
        return [wire for attr, wire in VOLUME_SOURCES if getattr(self, attr) is not None]
