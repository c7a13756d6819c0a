from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NodeSystemInfo")


@_attrs_define
class NodeSystemInfo:
    """
    Attributes:
        machine_id (str | Unset):
        system_uuid (str | Unset):
        boot_id (str | Unset):
        kernel_version (str | Unset):
        os_image (str | Unset):
        container_runtime_version (str | Unset):
        kubelet_version (str | Unset):
        kube_proxy_version (str | Unset):
        operating_system (str | Unset):
        architecture (str | Unset):
    """

    machine_id: str | Unset = UNSET
    system_uuid: str | Unset = UNSET
    boot_id: str | Unset = UNSET
    kernel_version: str | Unset = UNSET
    os_image: str | Unset = UNSET
    container_runtime_version: str | Unset = UNSET
    kubelet_version: str | Unset = UNSET
    kube_proxy_version: str | Unset = UNSET
    operating_system: str | Unset = UNSET
    architecture: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        machine_id = self.machine_id

        system_uuid = self.system_uuid

        boot_id = self.boot_id

        kernel_version = self.kernel_version

        os_image = self.os_image

        container_runtime_version = self.container_runtime_version

        kubelet_version = self.kubelet_version

        kube_proxy_version = self.kube_proxy_version

        operating_system = self.operating_system

        architecture = self.architecture

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if machine_id is not UNSET:
            field_dict["machineID"] = machine_id
        if system_uuid is not UNSET:
            field_dict["systemUUID"] = system_uuid
        if boot_id is not UNSET:
            field_dict["bootID"] = boot_id
        if kernel_version is not UNSET:
            field_dict["kernelVersion"] = kernel_version
        if os_image is not UNSET:
            field_dict["osImage"] = os_image
        if container_runtime_version is not UNSET:
            field_dict["containerRuntimeVersion"] = container_runtime_version
        if kubelet_version is not UNSET:
            field_dict["kubeletVersion"] = kubelet_version
        if kube_proxy_version is not UNSET:
            field_dict["kubeProxyVersion"] = kube_proxy_version
        if operating_system is not UNSET:
            field_dict["operatingSystem"] = operating_system
        if architecture is not UNSET:
            field_dict["architecture"] = architecture

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        machine_id = d.pop("machineID", UNSET)

        system_uuid = d.pop("systemUUID", UNSET)

        boot_id = d.pop("bootID", UNSET)

        kernel_version = d.pop("kernelVersion", UNSET)

        os_image = d.pop("osImage", UNSET)

        container_runtime_version = d.pop("containerRuntimeVersion", UNSET)

        kubelet_version = d.pop("kubeletVersion", UNSET)

        kube_proxy_version = d.pop("kubeProxyVersion", UNSET)

        operating_system = d.pop("operatingSystem", UNSET)

        architecture = d.pop("architecture", UNSET)

        node_system_info = cls(
            machine_id=machine_id,
            system_uuid=system_uuid,
            boot_id=boot_id,
            kernel_version=kernel_version,
            os_image=os_image,
            container_runtime_version=container_runtime_version,
            kubelet_version=kubelet_version,
            kube_proxy_version=kube_proxy_version,
            operating_system=operating_system,
            architecture=architecture,
        )

        return node_system_info
