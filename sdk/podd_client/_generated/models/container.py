from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_port import ContainerPort
    from ..models.container_resize_policy import ContainerResizePolicy
    from ..models.env_from_source import EnvFromSource
    from ..models.env_var import EnvVar
    from ..models.lifecycle import Lifecycle
    from ..models.probe import Probe
    from ..models.resource_requirements import ResourceRequirements
    from ..models.security_context import SecurityContext
    from ..models.volume_device import VolumeDevice
    from ..models.volume_mount import VolumeMount


T = TypeVar("T", bound="Container")


@_attrs_define
class Container:
    """A container of a pod (also used for init containers).

    ``restart_policy`` is only valid on init containers, where ``"Always"``
    makes it a native sidecar that keeps running beside the app containers.

    Attributes:
        name (str | Unset):  Default: ''.
        image (None | str | Unset):
        command (list[str] | None | Unset):
        args (list[str] | None | Unset):
        working_dir (None | str | Unset):
        ports (list[ContainerPort] | None | Unset):
        env_from (list[EnvFromSource] | None | Unset):
        env (list[EnvVar] | None | Unset):
        resources (None | ResourceRequirements | Unset):
        resize_policy (list[ContainerResizePolicy] | None | Unset):
        restart_policy (None | str | Unset):
        volume_mounts (list[VolumeMount] | None | Unset):
        volume_devices (list[VolumeDevice] | None | Unset):
        liveness_probe (None | Probe | Unset):
        readiness_probe (None | Probe | Unset):
        startup_probe (None | Probe | Unset):
        lifecycle (Lifecycle | None | Unset):
        termination_message_path (None | str | Unset):
        termination_message_policy (None | str | Unset):
        image_pull_policy (None | str | Unset):
        security_context (None | SecurityContext | Unset):
        stdin (bool | None | Unset):
        stdin_once (bool | None | Unset):
        tty (bool | None | Unset):
    """

    name: str | Unset = ""
    image: None | str | Unset = UNSET
    command: list[str] | None | Unset = UNSET
    args: list[str] | None | Unset = UNSET
    working_dir: None | str | Unset = UNSET
    ports: list[ContainerPort] | None | Unset = UNSET
    env_from: list[EnvFromSource] | None | Unset = UNSET
    env: list[EnvVar] | None | Unset = UNSET
    resources: None | ResourceRequirements | Unset = UNSET
    resize_policy: list[ContainerResizePolicy] | None | Unset = UNSET
    restart_policy: None | str | Unset = UNSET
    volume_mounts: list[VolumeMount] | None | Unset = UNSET
    volume_devices: list[VolumeDevice] | None | Unset = UNSET
    liveness_probe: None | Probe | Unset = UNSET
    readiness_probe: None | Probe | Unset = UNSET
    startup_probe: None | Probe | Unset = UNSET
    lifecycle: Lifecycle | None | Unset = UNSET
    termination_message_path: None | str | Unset = UNSET
    termination_message_policy: None | str | Unset = UNSET
    image_pull_policy: None | str | Unset = UNSET
    security_context: None | SecurityContext | Unset = UNSET
    stdin: bool | None | Unset = UNSET
    stdin_once: bool | None | Unset = UNSET
    tty: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.lifecycle import Lifecycle
        from ..models.probe import Probe
        from ..models.resource_requirements import ResourceRequirements
        from ..models.security_context import SecurityContext

        name = self.name

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        command: list[str] | None | Unset
        if isinstance(self.command, Unset):
            command = UNSET
        elif isinstance(self.command, list):
            command = self.command

        else:
            command = self.command

        args: list[str] | None | Unset
        if isinstance(self.args, Unset):
            args = UNSET
        elif isinstance(self.args, list):
            args = self.args

        else:
            args = self.args

        working_dir: None | str | Unset
        if isinstance(self.working_dir, Unset):
            working_dir = UNSET
        else:
            working_dir = self.working_dir

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

        env_from: list[dict[str, Any]] | None | Unset
        if isinstance(self.env_from, Unset):
            env_from = UNSET
        elif isinstance(self.env_from, list):
            env_from = []
            for env_from_type_0_item_data in self.env_from:
                env_from_type_0_item = env_from_type_0_item_data.to_dict()
                env_from.append(env_from_type_0_item)

        else:
            env_from = self.env_from

        env: list[dict[str, Any]] | None | Unset
        if isinstance(self.env, Unset):
            env = UNSET
        elif isinstance(self.env, list):
            env = []
            for env_type_0_item_data in self.env:
                env_type_0_item = env_type_0_item_data.to_dict()
                env.append(env_type_0_item)

        else:
            env = self.env

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, ResourceRequirements):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        resize_policy: list[dict[str, Any]] | None | Unset
        if isinstance(self.resize_policy, Unset):
            resize_policy = UNSET
        elif isinstance(self.resize_policy, list):
            resize_policy = []
            for resize_policy_type_0_item_data in self.resize_policy:
                resize_policy_type_0_item = resize_policy_type_0_item_data.to_dict()
                resize_policy.append(resize_policy_type_0_item)

        else:
            resize_policy = self.resize_policy

        restart_policy: None | str | Unset
        if isinstance(self.restart_policy, Unset):
            restart_policy = UNSET
        else:
            restart_policy = self.restart_policy

        volume_mounts: list[dict[str, Any]] | None | Unset
        if isinstance(self.volume_mounts, Unset):
            volume_mounts = UNSET
        elif isinstance(self.volume_mounts, list):
            volume_mounts = []
            for volume_mounts_type_0_item_data in self.volume_mounts:
                volume_mounts_type_0_item = volume_mounts_type_0_item_data.to_dict()
                volume_mounts.append(volume_mounts_type_0_item)

        else:
            volume_mounts = self.volume_mounts

        volume_devices: list[dict[str, Any]] | None | Unset
        if isinstance(self.volume_devices, Unset):
            volume_devices = UNSET
        elif isinstance(self.volume_devices, list):
            volume_devices = []
            for volume_devices_type_0_item_data in self.volume_devices:
                volume_devices_type_0_item = volume_devices_type_0_item_data.to_dict()
                volume_devices.append(volume_devices_type_0_item)

        else:
            volume_devices = self.volume_devices

        liveness_probe: dict[str, Any] | None | Unset
        if isinstance(self.liveness_probe, Unset):
            liveness_probe = UNSET
        elif isinstance(self.liveness_probe, Probe):
            liveness_probe = self.liveness_probe.to_dict()
        else:
            liveness_probe = self.liveness_probe

        readiness_probe: dict[str, Any] | None | Unset
        if isinstance(self.readiness_probe, Unset):
            readiness_probe = UNSET
        elif isinstance(self.readiness_probe, Probe):
            readiness_probe = self.readiness_probe.to_dict()
        else:
            readiness_probe = self.readiness_probe

        startup_probe: dict[str, Any] | None | Unset
        if isinstance(self.startup_probe, Unset):
            startup_probe = UNSET
        elif isinstance(self.startup_probe, Probe):
            startup_probe = self.startup_probe.to_dict()
        else:
            startup_probe = self.startup_probe

        lifecycle: dict[str, Any] | None | Unset
        if isinstance(self.lifecycle, Unset):
            lifecycle = UNSET
        elif isinstance(self.lifecycle, Lifecycle):
            lifecycle = self.lifecycle.to_dict()
        else:
            lifecycle = self.lifecycle

        termination_message_path: None | str | Unset
        if isinstance(self.termination_message_path, Unset):
            termination_message_path = UNSET
        else:
            termination_message_path = self.termination_message_path

        termination_message_policy: None | str | Unset
        if isinstance(self.termination_message_policy, Unset):
            termination_message_policy = UNSET
        else:
            termination_message_policy = self.termination_message_policy

        image_pull_policy: None | str | Unset
        if isinstance(self.image_pull_policy, Unset):
            image_pull_policy = UNSET
        else:
            image_pull_policy = self.image_pull_policy

        security_context: dict[str, Any] | None | Unset
        if isinstance(self.security_context, Unset):
            security_context = UNSET
        elif isinstance(self.security_context, SecurityContext):
            security_context = self.security_context.to_dict()
        else:
            security_context = self.security_context

        stdin: bool | None | Unset
        if isinstance(self.stdin, Unset):
            stdin = UNSET
        else:
            stdin = self.stdin

        stdin_once: bool | None | Unset
        if isinstance(self.stdin_once, Unset):
            stdin_once = UNSET
        else:
            stdin_once = self.stdin_once

        tty: bool | None | Unset
        if isinstance(self.tty, Unset):
            tty = UNSET
        else:
            tty = self.tty

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if image is not UNSET:
            field_dict["image"] = image
        if command is not UNSET:
            field_dict["command"] = command
        if args is not UNSET:
            field_dict["args"] = args
        if working_dir is not UNSET:
            field_dict["workingDir"] = working_dir
        if ports is not UNSET:
            field_dict["ports"] = ports
        if env_from is not UNSET:
            field_dict["envFrom"] = env_from
        if env is not UNSET:
            field_dict["env"] = env
        if resources is not UNSET:
            field_dict["resources"] = resources
        if resize_policy is not UNSET:
            field_dict["resizePolicy"] = resize_policy
        if restart_policy is not UNSET:
            field_dict["restartPolicy"] = restart_policy
        if volume_mounts is not UNSET:
            field_dict["volumeMounts"] = volume_mounts
        if volume_devices is not UNSET:
            field_dict["volumeDevices"] = volume_devices
        if liveness_probe is not UNSET:
            field_dict["livenessProbe"] = liveness_probe
        if readiness_probe is not UNSET:
            field_dict["readinessProbe"] = readiness_probe
        if startup_probe is not UNSET:
            field_dict["startupProbe"] = startup_probe
        if lifecycle is not UNSET:
            field_dict["lifecycle"] = lifecycle
        if termination_message_path is not UNSET:
            field_dict["terminationMessagePath"] = termination_message_path
        if termination_message_policy is not UNSET:
            field_dict["terminationMessagePolicy"] = termination_message_policy
        if image_pull_policy is not UNSET:
            field_dict["imagePullPolicy"] = image_pull_policy
        if security_context is not UNSET:
            field_dict["securityContext"] = security_context
        if stdin is not UNSET:
            field_dict["stdin"] = stdin
        if stdin_once is not UNSET:
            field_dict["stdinOnce"] = stdin_once
        if tty is not UNSET:
            field_dict["tty"] = tty

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_port import ContainerPort
        from ..models.container_resize_policy import ContainerResizePolicy
        from ..models.env_from_source import EnvFromSource
        from ..models.env_var import EnvVar
        from ..models.lifecycle import Lifecycle
        from ..models.probe import Probe
        from ..models.resource_requirements import ResourceRequirements
        from ..models.security_context import SecurityContext
        from ..models.volume_device import VolumeDevice
        from ..models.volume_mount import VolumeMount

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image = _parse_image(d.pop("image", UNSET))

        def _parse_command(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                command_type_0 = cast(list[str], data)

                return command_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        command = _parse_command(d.pop("command", UNSET))

        def _parse_args(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                args_type_0 = cast(list[str], data)

                return args_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        args = _parse_args(d.pop("args", UNSET))

        def _parse_working_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        working_dir = _parse_working_dir(d.pop("workingDir", UNSET))

        def _parse_ports(data: object) -> list[ContainerPort] | None | Unset:
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
                    ports_type_0_item = ContainerPort.from_dict(ports_type_0_item_data)

                    ports_type_0.append(ports_type_0_item)

                return ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContainerPort] | None | Unset, data)

        ports = _parse_ports(d.pop("ports", UNSET))

        def _parse_env_from(data: object) -> list[EnvFromSource] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                env_from_type_0 = []
                _env_from_type_0 = data
                for env_from_type_0_item_data in _env_from_type_0:
                    env_from_type_0_item = EnvFromSource.from_dict(env_from_type_0_item_data)

                    env_from_type_0.append(env_from_type_0_item)

                return env_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EnvFromSource] | None | Unset, data)

        env_from = _parse_env_from(d.pop("envFrom", UNSET))

        def _parse_env(data: object) -> list[EnvVar] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                env_type_0 = []
                _env_type_0 = data
                for env_type_0_item_data in _env_type_0:
                    env_type_0_item = EnvVar.from_dict(env_type_0_item_data)

                    env_type_0.append(env_type_0_item)

                return env_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EnvVar] | None | Unset, data)

        env = _parse_env(d.pop("env", UNSET))

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

        def _parse_resize_policy(data: object) -> list[ContainerResizePolicy] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resize_policy_type_0 = []
                _resize_policy_type_0 = data
                for resize_policy_type_0_item_data in _resize_policy_type_0:
                    resize_policy_type_0_item = ContainerResizePolicy.from_dict(
                        resize_policy_type_0_item_data
                    )

                    resize_policy_type_0.append(resize_policy_type_0_item)

                return resize_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContainerResizePolicy] | None | Unset, data)

        resize_policy = _parse_resize_policy(d.pop("resizePolicy", UNSET))

        def _parse_restart_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        restart_policy = _parse_restart_policy(d.pop("restartPolicy", UNSET))

        def _parse_volume_mounts(data: object) -> list[VolumeMount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                volume_mounts_type_0 = []
                _volume_mounts_type_0 = data
                for volume_mounts_type_0_item_data in _volume_mounts_type_0:
                    volume_mounts_type_0_item = VolumeMount.from_dict(
                        volume_mounts_type_0_item_data
                    )

                    volume_mounts_type_0.append(volume_mounts_type_0_item)

                return volume_mounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VolumeMount] | None | Unset, data)

        volume_mounts = _parse_volume_mounts(d.pop("volumeMounts", UNSET))

        def _parse_volume_devices(data: object) -> list[VolumeDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                volume_devices_type_0 = []
                _volume_devices_type_0 = data
                for volume_devices_type_0_item_data in _volume_devices_type_0:
                    volume_devices_type_0_item = VolumeDevice.from_dict(
                        volume_devices_type_0_item_data
                    )

                    volume_devices_type_0.append(volume_devices_type_0_item)

                return volume_devices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[VolumeDevice] | None | Unset, data)

        volume_devices = _parse_volume_devices(d.pop("volumeDevices", UNSET))

        def _parse_liveness_probe(data: object) -> None | Probe | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                liveness_probe_type_0 = Probe.from_dict(data)

                return liveness_probe_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Probe | Unset, data)

        liveness_probe = _parse_liveness_probe(d.pop("livenessProbe", UNSET))

        def _parse_readiness_probe(data: object) -> None | Probe | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                readiness_probe_type_0 = Probe.from_dict(data)

                return readiness_probe_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Probe | Unset, data)

        readiness_probe = _parse_readiness_probe(d.pop("readinessProbe", UNSET))

        def _parse_startup_probe(data: object) -> None | Probe | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                startup_probe_type_0 = Probe.from_dict(data)

                return startup_probe_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Probe | Unset, data)

        startup_probe = _parse_startup_probe(d.pop("startupProbe", UNSET))

        def _parse_lifecycle(data: object) -> Lifecycle | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                lifecycle_type_0 = Lifecycle.from_dict(data)

                return lifecycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Lifecycle | None | Unset, data)

        lifecycle = _parse_lifecycle(d.pop("lifecycle", UNSET))

        def _parse_termination_message_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        termination_message_path = _parse_termination_message_path(
            d.pop("terminationMessagePath", UNSET)
        )

        def _parse_termination_message_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        termination_message_policy = _parse_termination_message_policy(
            d.pop("terminationMessagePolicy", UNSET)
        )

        def _parse_image_pull_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_pull_policy = _parse_image_pull_policy(d.pop("imagePullPolicy", UNSET))

        def _parse_security_context(data: object) -> None | SecurityContext | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                security_context_type_0 = SecurityContext.from_dict(data)

                return security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecurityContext | Unset, data)

        security_context = _parse_security_context(d.pop("securityContext", UNSET))

        def _parse_stdin(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stdin = _parse_stdin(d.pop("stdin", UNSET))

        def _parse_stdin_once(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stdin_once = _parse_stdin_once(d.pop("stdinOnce", UNSET))

        def _parse_tty(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        tty = _parse_tty(d.pop("tty", UNSET))

        container = cls(
            name=name,
            image=image,
            command=command,
            args=args,
            working_dir=working_dir,
            ports=ports,
            env_from=env_from,
            env=env,
            resources=resources,
            resize_policy=resize_policy,
            restart_policy=restart_policy,
            volume_mounts=volume_mounts,
            volume_devices=volume_devices,
            liveness_probe=liveness_probe,
            readiness_probe=readiness_probe,
            startup_probe=startup_probe,
            lifecycle=lifecycle,
            termination_message_path=termination_message_path,
            termination_message_policy=termination_message_policy,
            image_pull_policy=image_pull_policy,
            security_context=security_context,
            stdin=stdin,
            stdin_once=stdin_once,
            tty=tty,
        )

        return container
