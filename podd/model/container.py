"""Containers: image, command, ports, environment, resources, mounts, security."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.model.base import K8sStruct
from podd.model.probe import Lifecycle, Probe

__all__ = [
    "AppArmorProfile",
    "Capabilities",
    "ConfigMapEnvSource",
    "ConfigMapKeySelector",
    "Container",
    "ContainerPort",
    "ContainerResizePolicy",
    "EnvFromSource",
    "EnvVar",
    "EnvVarSource",
    "EphemeralContainer",
    "ObjectFieldSelector",
    "Quantity",
    "ResourceClaim",
    "ResourceFieldSelector",
    "ResourceList",
    "ResourceRequirements",
    "SELinuxOptions",
    "SeccompProfile",
    "SecretEnvSource",
    "SecretKeySelector",
    "SecurityContext",
    "VolumeDevice",
    "VolumeMount",
]

# A resource quantity as written by the client ("250m", "512Mi", 1, 0.5);
# parse it with podd.model.quantity.parse_quantity.
Quantity = str | int | float
ResourceList = dict[str, Quantity]


class ContainerPort(K8sStruct):
    name: str | None = None
    host_port: int | None = None
    container_port: int = 0
    protocol: str | None = None
    host_ip: str | None = msgspec.field(default=None, name="hostIP")


class ObjectFieldSelector(K8sStruct):
    """A field of the pod, e.g. ``metadata.name`` or ``metadata.labels['app']``."""

    api_version: str | None = None
    field_path: str = ""


class ResourceFieldSelector(K8sStruct):
    """A container's resource, e.g. ``limits.memory``, optionally divided by ``divisor``."""

    container_name: str | None = None
    resource: str = ""
    divisor: Quantity | None = None


class ConfigMapKeySelector(K8sStruct):
    name: str | None = None
    key: str = ""
    optional: bool | None = None


class SecretKeySelector(K8sStruct):
    name: str | None = None
    key: str = ""
    optional: bool | None = None


class EnvVarSource(K8sStruct):
    field_ref: ObjectFieldSelector | None = None
    resource_field_ref: ResourceFieldSelector | None = None
    config_map_key_ref: ConfigMapKeySelector | None = None
    secret_key_ref: SecretKeySelector | None = None

    def source_names(self) -> list[str]:
        return [
            name
            for name, value in (
                ("fieldRef", self.field_ref),
                ("resourceFieldRef", self.resource_field_ref),
                ("configMapKeyRef", self.config_map_key_ref),
                ("secretKeyRef", self.secret_key_ref),
            )
            if value is not None
        ]


class EnvVar(K8sStruct):
    name: str = ""
    value: str | None = None
    value_from: EnvVarSource | None = None


class ConfigMapEnvSource(K8sStruct):
    name: str | None = None
    optional: bool | None = None


class SecretEnvSource(K8sStruct):
    name: str | None = None
    optional: bool | None = None


class EnvFromSource(K8sStruct):
    prefix: str | None = None
    config_map_ref: ConfigMapEnvSource | None = None
    secret_ref: SecretEnvSource | None = None


class ResourceClaim(K8sStruct):
    name: str = ""
    request: str | None = None


class ResourceRequirements(K8sStruct):
    limits: ResourceList | None = None
    requests: ResourceList | None = None
    claims: list[ResourceClaim] | None = None


class ContainerResizePolicy(K8sStruct):
    resource_name: str = ""
    restart_policy: str = ""


class VolumeMount(K8sStruct):
    name: str = ""
    read_only: bool | None = None
    recursive_read_only: str | None = None
    mount_path: str = ""
    sub_path: str | None = None
    mount_propagation: str | None = None
    sub_path_expr: str | None = None


class VolumeDevice(K8sStruct):
    name: str = ""
    device_path: str = ""


class Capabilities(K8sStruct):
    add: list[str] | None = None
    drop: list[str] | None = None


class SELinuxOptions(K8sStruct):
    user: str | None = None
    role: str | None = None
    type: str | None = None
    level: str | None = None


class SeccompProfile(K8sStruct):
    type: str = ""
    localhost_profile: str | None = None


class AppArmorProfile(K8sStruct):
    type: str = ""
    localhost_profile: str | None = None


class SecurityContext(K8sStruct):
    capabilities: Capabilities | None = None
    privileged: bool | None = None
    se_linux_options: SELinuxOptions | None = None
    windows_options: dict[str, Any] | None = None
    run_as_user: int | None = None
    run_as_group: int | None = None
    run_as_non_root: bool | None = None
    read_only_root_filesystem: bool | None = None
    allow_privilege_escalation: bool | None = None
    proc_mount: str | None = None
    seccomp_profile: SeccompProfile | None = None
    app_armor_profile: AppArmorProfile | None = None


class Container(K8sStruct):
    """A container of a pod (also used for init containers).

    ``restart_policy`` is only valid on init containers, where ``"Always"``
    makes it a native sidecar that keeps running beside the app containers.
    """

    name: str = ""
    image: str | None = None
    command: list[str] | None = None
    args: list[str] | None = None
    working_dir: str | None = None
    ports: list[ContainerPort] | None = None
    env_from: list[EnvFromSource] | None = None
    env: list[EnvVar] | None = None
    resources: ResourceRequirements | None = None
    resize_policy: list[ContainerResizePolicy] | None = None
    restart_policy: str | None = None
    volume_mounts: list[VolumeMount] | None = None
    volume_devices: list[VolumeDevice] | None = None
    liveness_probe: Probe | None = None
    readiness_probe: Probe | None = None
    startup_probe: Probe | None = None
    lifecycle: Lifecycle | None = None
    termination_message_path: str | None = None
    termination_message_policy: str | None = None
    image_pull_policy: str | None = None
    security_context: SecurityContext | None = None
    stdin: bool | None = None
    stdin_once: bool | None = None
    tty: bool | None = None


class EphemeralContainer(Container):
    """A debugging container added to a running pod (``kubectl debug``)."""

    target_container_name: str | None = None
