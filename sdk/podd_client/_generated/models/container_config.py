from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_config_exposed_ports_type_0 import (
        ContainerConfigExposedPortsType0,
    )
    from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0
    from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0


T = TypeVar("T", bound="ContainerConfig")


@_attrs_define
class ContainerConfig:
    """The ``config`` section of an image config: how to run the image.

    Attributes:
        user (None | str | Unset):
        exposed_ports (ContainerConfigExposedPortsType0 | None | Unset):
        env (list[str] | None | Unset):
        entrypoint (list[str] | None | Unset):
        cmd (list[str] | None | Unset):
        volumes (ContainerConfigVolumesType0 | None | Unset):
        working_dir (None | str | Unset):
        labels (ContainerConfigLabelsType0 | None | Unset):
        stop_signal (None | str | Unset):
    """

    user: None | str | Unset = UNSET
    exposed_ports: ContainerConfigExposedPortsType0 | None | Unset = UNSET
    env: list[str] | None | Unset = UNSET
    entrypoint: list[str] | None | Unset = UNSET
    cmd: list[str] | None | Unset = UNSET
    volumes: ContainerConfigVolumesType0 | None | Unset = UNSET
    working_dir: None | str | Unset = UNSET
    labels: ContainerConfigLabelsType0 | None | Unset = UNSET
    stop_signal: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_config_exposed_ports_type_0 import (
            ContainerConfigExposedPortsType0,
        )
        from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0
        from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0

        user: None | str | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        else:
            user = self.user

        exposed_ports: dict[str, Any] | None | Unset
        if isinstance(self.exposed_ports, Unset):
            exposed_ports = UNSET
        elif isinstance(self.exposed_ports, ContainerConfigExposedPortsType0):
            exposed_ports = self.exposed_ports.to_dict()
        else:
            exposed_ports = self.exposed_ports

        env: list[str] | None | Unset
        if isinstance(self.env, Unset):
            env = UNSET
        elif isinstance(self.env, list):
            env = self.env

        else:
            env = self.env

        entrypoint: list[str] | None | Unset
        if isinstance(self.entrypoint, Unset):
            entrypoint = UNSET
        elif isinstance(self.entrypoint, list):
            entrypoint = self.entrypoint

        else:
            entrypoint = self.entrypoint

        cmd: list[str] | None | Unset
        if isinstance(self.cmd, Unset):
            cmd = UNSET
        elif isinstance(self.cmd, list):
            cmd = self.cmd

        else:
            cmd = self.cmd

        volumes: dict[str, Any] | None | Unset
        if isinstance(self.volumes, Unset):
            volumes = UNSET
        elif isinstance(self.volumes, ContainerConfigVolumesType0):
            volumes = self.volumes.to_dict()
        else:
            volumes = self.volumes

        working_dir: None | str | Unset
        if isinstance(self.working_dir, Unset):
            working_dir = UNSET
        else:
            working_dir = self.working_dir

        labels: dict[str, Any] | None | Unset
        if isinstance(self.labels, Unset):
            labels = UNSET
        elif isinstance(self.labels, ContainerConfigLabelsType0):
            labels = self.labels.to_dict()
        else:
            labels = self.labels

        stop_signal: None | str | Unset
        if isinstance(self.stop_signal, Unset):
            stop_signal = UNSET
        else:
            stop_signal = self.stop_signal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user is not UNSET:
            field_dict["User"] = user
        if exposed_ports is not UNSET:
            field_dict["ExposedPorts"] = exposed_ports
        if env is not UNSET:
            field_dict["Env"] = env
        if entrypoint is not UNSET:
            field_dict["Entrypoint"] = entrypoint
        if cmd is not UNSET:
            field_dict["Cmd"] = cmd
        if volumes is not UNSET:
            field_dict["Volumes"] = volumes
        if working_dir is not UNSET:
            field_dict["WorkingDir"] = working_dir
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if stop_signal is not UNSET:
            field_dict["StopSignal"] = stop_signal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_config_exposed_ports_type_0 import (
            ContainerConfigExposedPortsType0,
        )
        from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0
        from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0

        d = dict(src_dict)

        def _parse_user(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user = _parse_user(d.pop("User", UNSET))

        def _parse_exposed_ports(data: object) -> ContainerConfigExposedPortsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exposed_ports_type_0 = ContainerConfigExposedPortsType0.from_dict(data)

                return exposed_ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigExposedPortsType0 | None | Unset, data)

        exposed_ports = _parse_exposed_ports(d.pop("ExposedPorts", UNSET))

        def _parse_env(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                env_type_0 = cast(list[str], data)

                return env_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        env = _parse_env(d.pop("Env", UNSET))

        def _parse_entrypoint(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                entrypoint_type_0 = cast(list[str], data)

                return entrypoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        entrypoint = _parse_entrypoint(d.pop("Entrypoint", UNSET))

        def _parse_cmd(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cmd_type_0 = cast(list[str], data)

                return cmd_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cmd = _parse_cmd(d.pop("Cmd", UNSET))

        def _parse_volumes(data: object) -> ContainerConfigVolumesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                volumes_type_0 = ContainerConfigVolumesType0.from_dict(data)

                return volumes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigVolumesType0 | None | Unset, data)

        volumes = _parse_volumes(d.pop("Volumes", UNSET))

        def _parse_working_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        working_dir = _parse_working_dir(d.pop("WorkingDir", UNSET))

        def _parse_labels(data: object) -> ContainerConfigLabelsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                labels_type_0 = ContainerConfigLabelsType0.from_dict(data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigLabelsType0 | None | Unset, data)

        labels = _parse_labels(d.pop("Labels", UNSET))

        def _parse_stop_signal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_signal = _parse_stop_signal(d.pop("StopSignal", UNSET))

        container_config = cls(
            user=user,
            exposed_ports=exposed_ports,
            env=env,
            entrypoint=entrypoint,
            cmd=cmd,
            volumes=volumes,
            working_dir=working_dir,
            labels=labels,
            stop_signal=stop_signal,
        )

        container_config.additional_properties = d
        return container_config

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
