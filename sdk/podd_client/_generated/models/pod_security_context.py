from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.app_armor_profile import AppArmorProfile
    from ..models.pod_security_context_windows_options_type_0 import (
        PodSecurityContextWindowsOptionsType0,
    )
    from ..models.se_linux_options import SELinuxOptions
    from ..models.seccomp_profile import SeccompProfile
    from ..models.sysctl import Sysctl


T = TypeVar("T", bound="PodSecurityContext")


@_attrs_define
class PodSecurityContext:
    """
    Attributes:
        se_linux_options (None | SELinuxOptions | Unset):
        windows_options (None | PodSecurityContextWindowsOptionsType0 | Unset):
        run_as_user (int | None | Unset):
        run_as_group (int | None | Unset):
        run_as_non_root (bool | None | Unset):
        supplemental_groups (list[int] | None | Unset):
        supplemental_groups_policy (None | str | Unset):
        fs_group (int | None | Unset):
        sysctls (list[Sysctl] | None | Unset):
        fs_group_change_policy (None | str | Unset):
        seccomp_profile (None | SeccompProfile | Unset):
        app_armor_profile (AppArmorProfile | None | Unset):
        se_linux_change_policy (None | str | Unset):
    """

    se_linux_options: None | SELinuxOptions | Unset = UNSET
    windows_options: None | PodSecurityContextWindowsOptionsType0 | Unset = UNSET
    run_as_user: int | None | Unset = UNSET
    run_as_group: int | None | Unset = UNSET
    run_as_non_root: bool | None | Unset = UNSET
    supplemental_groups: list[int] | None | Unset = UNSET
    supplemental_groups_policy: None | str | Unset = UNSET
    fs_group: int | None | Unset = UNSET
    sysctls: list[Sysctl] | None | Unset = UNSET
    fs_group_change_policy: None | str | Unset = UNSET
    seccomp_profile: None | SeccompProfile | Unset = UNSET
    app_armor_profile: AppArmorProfile | None | Unset = UNSET
    se_linux_change_policy: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.app_armor_profile import AppArmorProfile
        from ..models.pod_security_context_windows_options_type_0 import (
            PodSecurityContextWindowsOptionsType0,
        )
        from ..models.se_linux_options import SELinuxOptions
        from ..models.seccomp_profile import SeccompProfile

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
        elif isinstance(self.windows_options, PodSecurityContextWindowsOptionsType0):
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

        supplemental_groups: list[int] | None | Unset
        if isinstance(self.supplemental_groups, Unset):
            supplemental_groups = UNSET
        elif isinstance(self.supplemental_groups, list):
            supplemental_groups = self.supplemental_groups

        else:
            supplemental_groups = self.supplemental_groups

        supplemental_groups_policy: None | str | Unset
        if isinstance(self.supplemental_groups_policy, Unset):
            supplemental_groups_policy = UNSET
        else:
            supplemental_groups_policy = self.supplemental_groups_policy

        fs_group: int | None | Unset
        if isinstance(self.fs_group, Unset):
            fs_group = UNSET
        else:
            fs_group = self.fs_group

        sysctls: list[dict[str, Any]] | None | Unset
        if isinstance(self.sysctls, Unset):
            sysctls = UNSET
        elif isinstance(self.sysctls, list):
            sysctls = []
            for sysctls_type_0_item_data in self.sysctls:
                sysctls_type_0_item = sysctls_type_0_item_data.to_dict()
                sysctls.append(sysctls_type_0_item)

        else:
            sysctls = self.sysctls

        fs_group_change_policy: None | str | Unset
        if isinstance(self.fs_group_change_policy, Unset):
            fs_group_change_policy = UNSET
        else:
            fs_group_change_policy = self.fs_group_change_policy

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

        se_linux_change_policy: None | str | Unset
        if isinstance(self.se_linux_change_policy, Unset):
            se_linux_change_policy = UNSET
        else:
            se_linux_change_policy = self.se_linux_change_policy

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        if supplemental_groups is not UNSET:
            field_dict["supplementalGroups"] = supplemental_groups
        if supplemental_groups_policy is not UNSET:
            field_dict["supplementalGroupsPolicy"] = supplemental_groups_policy
        if fs_group is not UNSET:
            field_dict["fsGroup"] = fs_group
        if sysctls is not UNSET:
            field_dict["sysctls"] = sysctls
        if fs_group_change_policy is not UNSET:
            field_dict["fsGroupChangePolicy"] = fs_group_change_policy
        if seccomp_profile is not UNSET:
            field_dict["seccompProfile"] = seccomp_profile
        if app_armor_profile is not UNSET:
            field_dict["appArmorProfile"] = app_armor_profile
        if se_linux_change_policy is not UNSET:
            field_dict["seLinuxChangePolicy"] = se_linux_change_policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.app_armor_profile import AppArmorProfile
        from ..models.pod_security_context_windows_options_type_0 import (
            PodSecurityContextWindowsOptionsType0,
        )
        from ..models.se_linux_options import SELinuxOptions
        from ..models.seccomp_profile import SeccompProfile
        from ..models.sysctl import Sysctl

        d = dict(src_dict)

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
        ) -> None | PodSecurityContextWindowsOptionsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                windows_options_type_0 = PodSecurityContextWindowsOptionsType0.from_dict(data)

                return windows_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PodSecurityContextWindowsOptionsType0 | Unset, data)

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

        def _parse_supplemental_groups(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                supplemental_groups_type_0 = cast(list[int], data)

                return supplemental_groups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        supplemental_groups = _parse_supplemental_groups(d.pop("supplementalGroups", UNSET))

        def _parse_supplemental_groups_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        supplemental_groups_policy = _parse_supplemental_groups_policy(
            d.pop("supplementalGroupsPolicy", UNSET)
        )

        def _parse_fs_group(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fs_group = _parse_fs_group(d.pop("fsGroup", UNSET))

        def _parse_sysctls(data: object) -> list[Sysctl] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sysctls_type_0 = []
                _sysctls_type_0 = data
                for sysctls_type_0_item_data in _sysctls_type_0:
                    sysctls_type_0_item = Sysctl.from_dict(sysctls_type_0_item_data)

                    sysctls_type_0.append(sysctls_type_0_item)

                return sysctls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Sysctl] | None | Unset, data)

        sysctls = _parse_sysctls(d.pop("sysctls", UNSET))

        def _parse_fs_group_change_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fs_group_change_policy = _parse_fs_group_change_policy(d.pop("fsGroupChangePolicy", UNSET))

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

        def _parse_se_linux_change_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        se_linux_change_policy = _parse_se_linux_change_policy(d.pop("seLinuxChangePolicy", UNSET))

        pod_security_context = cls(
            se_linux_options=se_linux_options,
            windows_options=windows_options,
            run_as_user=run_as_user,
            run_as_group=run_as_group,
            run_as_non_root=run_as_non_root,
            supplemental_groups=supplemental_groups,
            supplemental_groups_policy=supplemental_groups_policy,
            fs_group=fs_group,
            sysctls=sysctls,
            fs_group_change_policy=fs_group_change_policy,
            seccomp_profile=seccomp_profile,
            app_armor_profile=app_armor_profile,
            se_linux_change_policy=se_linux_change_policy,
        )

        return pod_security_context
