from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.etc_paths import EtcPaths
    from ..models.forward_state import ForwardState
    from ..models.not_enforced import NotEnforced
    from ..models.pause_handle import PauseHandle
    from ..models.process_ref import ProcessRef
    from ..models.slirp_handle import SlirpHandle
    from ..models.slirp_options import SlirpOptions


T = TypeVar("T", bound="SandboxState")


@_attrs_define
class SandboxState:
    """Everything needed to find, check and destroy a sandbox later.

    Attributes:
        uid (str):
        pause (PauseHandle): A running pause: pid (podd's PID namespace), start time, hostname.
        slirp (None | SlirpHandle):
        runtime_dir (str):
        cgroup_path (None | str):
        pod_ip (str):
        gateway (str):
        dns_server (str):
        etc (EtcPaths): Where the files were written (bind-mount sources).
        forwards (list[ForwardState] | Unset):
        warnings (list[str] | Unset):
        not_enforced (list[NotEnforced] | Unset):
        slirp_options (None | SlirpOptions | Unset):
        network_api_socket (None | str | Unset):
        network_holder (None | ProcessRef | Unset):
    """

    uid: str
    pause: PauseHandle
    slirp: None | SlirpHandle
    runtime_dir: str
    cgroup_path: None | str
    pod_ip: str
    gateway: str
    dns_server: str
    etc: EtcPaths
    forwards: list[ForwardState] | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    not_enforced: list[NotEnforced] | Unset = UNSET
    slirp_options: None | SlirpOptions | Unset = UNSET
    network_api_socket: None | str | Unset = UNSET
    network_holder: None | ProcessRef | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.process_ref import ProcessRef
        from ..models.slirp_handle import SlirpHandle
        from ..models.slirp_options import SlirpOptions

        uid = self.uid

        pause = self.pause.to_dict()

        slirp: dict[str, Any] | None
        if isinstance(self.slirp, SlirpHandle):
            slirp = self.slirp.to_dict()
        else:
            slirp = self.slirp

        runtime_dir = self.runtime_dir

        cgroup_path: None | str
        cgroup_path = self.cgroup_path

        pod_ip = self.pod_ip

        gateway = self.gateway

        dns_server = self.dns_server

        etc = self.etc.to_dict()

        forwards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.forwards, Unset):
            forwards = []
            for forwards_item_data in self.forwards:
                forwards_item = forwards_item_data.to_dict()
                forwards.append(forwards_item)

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        not_enforced: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.not_enforced, Unset):
            not_enforced = []
            for not_enforced_item_data in self.not_enforced:
                not_enforced_item = not_enforced_item_data.to_dict()
                not_enforced.append(not_enforced_item)

        slirp_options: dict[str, Any] | None | Unset
        if isinstance(self.slirp_options, Unset):
            slirp_options = UNSET
        elif isinstance(self.slirp_options, SlirpOptions):
            slirp_options = self.slirp_options.to_dict()
        else:
            slirp_options = self.slirp_options

        network_api_socket: None | str | Unset
        if isinstance(self.network_api_socket, Unset):
            network_api_socket = UNSET
        else:
            network_api_socket = self.network_api_socket

        network_holder: dict[str, Any] | None | Unset
        if isinstance(self.network_holder, Unset):
            network_holder = UNSET
        elif isinstance(self.network_holder, ProcessRef):
            network_holder = self.network_holder.to_dict()
        else:
            network_holder = self.network_holder

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uid": uid,
                "pause": pause,
                "slirp": slirp,
                "runtime_dir": runtime_dir,
                "cgroup_path": cgroup_path,
                "pod_ip": pod_ip,
                "gateway": gateway,
                "dns_server": dns_server,
                "etc": etc,
            }
        )
        if forwards is not UNSET:
            field_dict["forwards"] = forwards
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if not_enforced is not UNSET:
            field_dict["not_enforced"] = not_enforced
        if slirp_options is not UNSET:
            field_dict["slirp_options"] = slirp_options
        if network_api_socket is not UNSET:
            field_dict["network_api_socket"] = network_api_socket
        if network_holder is not UNSET:
            field_dict["network_holder"] = network_holder

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.etc_paths import EtcPaths
        from ..models.forward_state import ForwardState
        from ..models.not_enforced import NotEnforced
        from ..models.pause_handle import PauseHandle
        from ..models.process_ref import ProcessRef
        from ..models.slirp_handle import SlirpHandle
        from ..models.slirp_options import SlirpOptions

        d = dict(src_dict)
        uid = d.pop("uid")

        pause = PauseHandle.from_dict(d.pop("pause"))

        def _parse_slirp(data: object) -> None | SlirpHandle:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                slirp_type_0 = SlirpHandle.from_dict(data)

                return slirp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SlirpHandle, data)

        slirp = _parse_slirp(d.pop("slirp"))

        runtime_dir = d.pop("runtime_dir")

        def _parse_cgroup_path(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cgroup_path = _parse_cgroup_path(d.pop("cgroup_path"))

        pod_ip = d.pop("pod_ip")

        gateway = d.pop("gateway")

        dns_server = d.pop("dns_server")

        etc = EtcPaths.from_dict(d.pop("etc"))

        _forwards = d.pop("forwards", UNSET)
        forwards: list[ForwardState] | Unset = UNSET
        if _forwards is not UNSET:
            forwards = []
            for forwards_item_data in _forwards:
                forwards_item = ForwardState.from_dict(forwards_item_data)

                forwards.append(forwards_item)

        warnings = cast(list[str], d.pop("warnings", UNSET))

        _not_enforced = d.pop("not_enforced", UNSET)
        not_enforced: list[NotEnforced] | Unset = UNSET
        if _not_enforced is not UNSET:
            not_enforced = []
            for not_enforced_item_data in _not_enforced:
                not_enforced_item = NotEnforced.from_dict(not_enforced_item_data)

                not_enforced.append(not_enforced_item)

        def _parse_slirp_options(data: object) -> None | SlirpOptions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                slirp_options_type_0 = SlirpOptions.from_dict(data)

                return slirp_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SlirpOptions | Unset, data)

        slirp_options = _parse_slirp_options(d.pop("slirp_options", UNSET))

        def _parse_network_api_socket(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        network_api_socket = _parse_network_api_socket(d.pop("network_api_socket", UNSET))

        def _parse_network_holder(data: object) -> None | ProcessRef | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                network_holder_type_0 = ProcessRef.from_dict(data)

                return network_holder_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProcessRef | Unset, data)

        network_holder = _parse_network_holder(d.pop("network_holder", UNSET))

        sandbox_state = cls(
            uid=uid,
            pause=pause,
            slirp=slirp,
            runtime_dir=runtime_dir,
            cgroup_path=cgroup_path,
            pod_ip=pod_ip,
            gateway=gateway,
            dns_server=dns_server,
            etc=etc,
            forwards=forwards,
            warnings=warnings,
            not_enforced=not_enforced,
            slirp_options=slirp_options,
            network_api_socket=network_api_socket,
            network_holder=network_holder,
        )

        sandbox_state.additional_properties = d
        return sandbox_state

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
