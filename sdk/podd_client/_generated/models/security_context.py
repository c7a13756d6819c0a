from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.app_armor_profile import AppArmorProfile
    from ..models.capabilities import Capabilities
    from ..models.se_linux_options import SELinuxOptions
    from ..models.seccomp_profile import SeccompProfile
    from ..models.security_context_windows_options_type_0 import (
        SecurityContextWindowsOptionsType0,
    )


T = TypeVar("T", bound="SecurityContext")


@_attrs_define
class SecurityContext:
    """
    Attributes:
        capabilities (Capabilities | None | Unset):
        privileged (bool | None | Unset):
        se_linux_options (None | SELinuxOptions | Unset):
        windows_options (None | SecurityContextWindowsOptionsType0 | Unset):
        run_as_user (int | None | Unset):
        run_as_group (int | None | Unset):
        run_as_non_root (bool | None | Unset):
        read_only_root_filesystem (bool | None | Unset):
        allow_privilege_escalation (bool | None | Unset):
        proc_mount (None | str | Unset):
        seccomp_profile (None | SeccompProfile | Unset):
        app_armor_profile (AppArmorProfile | None | Unset):
    """

    capabilities: Capabilities | None | Unset = UNSET
    privileged: bool | None | Unset = UNSET
    se_linux_options: None | SELinuxOptions | Unset = UNSET
    windows_options: None | SecurityContextWindowsOptionsType0 | Unset = UNSET
    run_as_user: int | None | Unset = UNSET
    run_as_group: int | None | Unset = UNSET
    run_as_non_root: bool | None | Unset = UNSET
    read_only_root_filesystem: bool | None | Unset = UNSET
    allow_privilege_escalation: bool | None | Unset = UNSET
    proc_mount: None | str | Unset = UNSET
    seccomp_profile: None | SeccompProfile | Unset = UNSET
    app_armor_profile: AppArmorProfile | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.app_armor_profile import AppArmorProfile
        from ..models.capabilities import Capabilities
        from ..models.se_linux_options import SELinuxOptions
        from ..models.seccomp_profile import SeccompProfile
        from ..models.security_context_windows_options_type_0 import (
            SecurityContextWindowsOptionsType0,
        )

        capabilities: dict[str, Any] | None | Unset
        if isinstance(self.capabilities, Unset):
            capabilities = UNSET
        elif isinstance(self.capabilities, Capabilities):
            capabilities = self.capabilities.to_dict()
        else:
            capabilities = self.capabilities

        privileged: bool | None | Unset
        if isinstance(self.privileged, Unset):
            privileged = UNSET
        else:
            privileged = self.privileged

        se_linux_options: dict[str, Any] | None | Unset
        if isinstance(self.se_linux_options, Unset):
            se_linux_options = UNSET
        elif isinstance(self.se_linux_options, SELinuxOptions):
            se_linux_options = self.se_linux_options.to_dict()
        else:
            se_linux_options = self.se_linux_options

        windows_options: dict[str, Any] | None | Unset
        if isinstance(self.windows_options, Unset):
            windows_options = UNSET
        elif isinstance(self.windows_options, SecurityContextWindowsOptionsType0):
            windows_options = self.windows_options.to_dict()
        else:
            windows_options = self.windows_options

        run_as_user: int | None | Unset
        if isinstance(self.run_as_user, Unset):
            run_as_user = UNSET
        else:
            run_as_user = self.run_as_user

        run_as_group: int | None | Unset
        if isinstance(self.run_as_group, Unset):
            run_as_group = UNSET
        else:
            run_as_group = self.run_as_group

        run_as_non_root: bool | None | Unset
        if isinstance(self.run_as_non_root, Unset):
            run_as_non_root = UNSET
        else:
            run_as_non_root = self.run_as_non_root

        read_only_root_filesystem: bool | None | Unset
        if isinstance(self.read_only_root_filesystem, Unset):
            read_only_root_filesystem = UNSET
        else:
            read_only_root_filesystem = self.read_only_root_filesystem

        allow_privilege_escalation: bool | None | Unset
        if isinstance(self.allow_privilege_escalation, Unset):
            allow_privilege_escalation = UNSET
        else:
            allow_privilege_escalation = self.allow_privilege_escalation

        proc_mount: None | str | Unset
        if isinstance(self.proc_mount, Unset):
            proc_mount = UNSET
        else:
            proc_mount = self.proc_mount

        seccomp_profile: dict[str, Any] | None | Unset
        if isinstance(self.seccomp_profile, Unset):
            seccomp_profile = UNSET
        elif isinstance(self.seccomp_profile, SeccompProfile):
            seccomp_profile = self.seccomp_profile.to_dict()
        else:
            seccomp_profile = self.seccomp_profile

        app_armor_profile: dict[str, Any] | None | Unset
        if isinstance(self.app_armor_profile, Unset):
            app_armor_profile = UNSET
        elif isinstance(self.app_armor_profile, AppArmorProfile):
            app_armor_profile = self.app_armor_profile.to_dict()
        else:
            app_armor_profile = self.app_armor_profile

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if privileged is not UNSET:
            field_dict["privileged"] = privileged
        if se_linux_options is not UNSET:
            field_dict["seLinuxOptions"] = se_linux_options
        if windows_options is not UNSET:
            field_dict["windowsOptions"] = windows_options
        if run_as_user is not UNSET:
            field_dict["runAsUser"] = run_as_user
        if run_as_group is not UNSET:
            field_dict["runAsGroup"] = run_as_group
        if run_as_non_root is not UNSET:
            field_dict["runAsNonRoot"] = run_as_non_root
        if read_only_root_filesystem is not UNSET:
            field_dict["readOnlyRootFilesystem"] = read_only_root_filesystem
        if allow_privilege_escalation is not UNSET:
            field_dict["allowPrivilegeEscalation"] = allow_privilege_escalation
        if proc_mount is not UNSET:
            field_dict["procMount"] = proc_mount
        if seccomp_profile is not UNSET:
            field_dict["seccompProfile"] = seccomp_profile
        if app_armor_profile is not UNSET:
            field_dict["appArmorProfile"] = app_armor_profile

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.app_armor_profile import AppArmorProfile
        from ..models.capabilities import Capabilities
        from ..models.se_linux_options import SELinuxOptions
        from ..models.seccomp_profile import SeccompProfile
        from ..models.security_context_windows_options_type_0 import (
            SecurityContextWindowsOptionsType0,
        )

        d = dict(src_dict)

        def _parse_capabilities(data: object) -> Capabilities | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                capabilities_type_0 = Capabilities.from_dict(data)

                return capabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Capabilities | None | Unset, data)

        capabilities = _parse_capabilities(d.pop("capabilities", UNSET))

        def _parse_privileged(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        privileged = _parse_privileged(d.pop("privileged", UNSET))

        def _parse_se_linux_options(data: object) -> None | SELinuxOptions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                se_linux_options_type_0 = SELinuxOptions.from_dict(data)

                return se_linux_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SELinuxOptions | Unset, data)

        se_linux_options = _parse_se_linux_options(d.pop("seLinuxOptions", UNSET))

        def _parse_windows_options(
            data: object,
        ) -> None | SecurityContextWindowsOptionsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                windows_options_type_0 = SecurityContextWindowsOptionsType0.from_dict(data)

                return windows_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecurityContextWindowsOptionsType0 | Unset, data)

        windows_options = _parse_windows_options(d.pop("windowsOptions", UNSET))

        def _parse_run_as_user(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        run_as_user = _parse_run_as_user(d.pop("runAsUser", UNSET))

        def _parse_run_as_group(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        run_as_group = _parse_run_as_group(d.pop("runAsGroup", UNSET))

        def _parse_run_as_non_root(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        run_as_non_root = _parse_run_as_non_root(d.pop("runAsNonRoot", UNSET))

        def _parse_read_only_root_filesystem(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only_root_filesystem = _parse_read_only_root_filesystem(
            d.pop("readOnlyRootFilesystem", UNSET)
        )

        def _parse_allow_privilege_escalation(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_privilege_escalation = _parse_allow_privilege_escalation(
            d.pop("allowPrivilegeEscalation", UNSET)
        )

        def _parse_proc_mount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        proc_mount = _parse_proc_mount(d.pop("procMount", UNSET))

        def _parse_seccomp_profile(data: object) -> None | SeccompProfile | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                seccomp_profile_type_0 = SeccompProfile.from_dict(data)

                return seccomp_profile_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SeccompProfile | Unset, data)

        seccomp_profile = _parse_seccomp_profile(d.pop("seccompProfile", UNSET))

        def _parse_app_armor_profile(data: object) -> AppArmorProfile | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                app_armor_profile_type_0 = AppArmorProfile.from_dict(data)

                return app_armor_profile_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AppArmorProfile | None | Unset, data)

        app_armor_profile = _parse_app_armor_profile(d.pop("appArmorProfile", UNSET))

        security_context = cls(
            capabilities=capabilities,
            privileged=privileged,
            se_linux_options=se_linux_options,
            windows_options=windows_options,
            run_as_user=run_as_user,
            run_as_group=run_as_group,
            run_as_non_root=run_as_non_root,
            read_only_root_filesystem=read_only_root_filesystem,
            allow_privilege_escalation=allow_privilege_escalation,
            proc_mount=proc_mount,
            seccomp_profile=seccomp_profile,
            app_armor_profile=app_armor_profile,
        )

        return security_context
