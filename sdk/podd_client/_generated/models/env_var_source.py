from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_map_key_selector import ConfigMapKeySelector
    from ..models.object_field_selector import ObjectFieldSelector
    from ..models.resource_field_selector import ResourceFieldSelector
    from ..models.secret_key_selector import SecretKeySelector


T = TypeVar("T", bound="EnvVarSource")


@_attrs_define
class EnvVarSource:
    """
    Attributes:
        field_ref (None | ObjectFieldSelector | Unset):
        resource_field_ref (None | ResourceFieldSelector | Unset):
        config_map_key_ref (ConfigMapKeySelector | None | Unset):
        secret_key_ref (None | SecretKeySelector | Unset):
    """

    field_ref: None | ObjectFieldSelector | Unset = UNSET
    resource_field_ref: None | ResourceFieldSelector | Unset = UNSET
    config_map_key_ref: ConfigMapKeySelector | None | Unset = UNSET
    secret_key_ref: None | SecretKeySelector | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.config_map_key_selector import ConfigMapKeySelector
        from ..models.object_field_selector import ObjectFieldSelector
        from ..models.resource_field_selector import ResourceFieldSelector
        from ..models.secret_key_selector import SecretKeySelector

        field_ref: dict[str, Any] | None | Unset
        if isinstance(self.field_ref, Unset):
            field_ref = UNSET
        elif isinstance(self.field_ref, ObjectFieldSelector):
            field_ref = self.field_ref.to_dict()
        else:
            field_ref = self.field_ref

        resource_field_ref: dict[str, Any] | None | Unset
        if isinstance(self.resource_field_ref, Unset):
            resource_field_ref = UNSET
        elif isinstance(self.resource_field_ref, ResourceFieldSelector):
            resource_field_ref = self.resource_field_ref.to_dict()
        else:
            resource_field_ref = self.resource_field_ref

        config_map_key_ref: dict[str, Any] | None | Unset
        if isinstance(self.config_map_key_ref, Unset):
            config_map_key_ref = UNSET
        elif isinstance(self.config_map_key_ref, ConfigMapKeySelector):
            config_map_key_ref = self.config_map_key_ref.to_dict()
        else:
            config_map_key_ref = self.config_map_key_ref

        secret_key_ref: dict[str, Any] | None | Unset
        if isinstance(self.secret_key_ref, Unset):
            secret_key_ref = UNSET
        elif isinstance(self.secret_key_ref, SecretKeySelector):
            secret_key_ref = self.secret_key_ref.to_dict()
        else:
            secret_key_ref = self.secret_key_ref

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if field_ref is not UNSET:
            field_dict["fieldRef"] = field_ref
        if resource_field_ref is not UNSET:
            field_dict["resourceFieldRef"] = resource_field_ref
        if config_map_key_ref is not UNSET:
            field_dict["configMapKeyRef"] = config_map_key_ref
        if secret_key_ref is not UNSET:
            field_dict["secretKeyRef"] = secret_key_ref

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.config_map_key_selector import ConfigMapKeySelector
        from ..models.object_field_selector import ObjectFieldSelector
        from ..models.resource_field_selector import ResourceFieldSelector
        from ..models.secret_key_selector import SecretKeySelector

        d = dict(src_dict)

        def _parse_field_ref(data: object) -> None | ObjectFieldSelector | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                field_ref_type_0 = ObjectFieldSelector.from_dict(data)

                return field_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectFieldSelector | Unset, data)

        field_ref = _parse_field_ref(d.pop("fieldRef", UNSET))

        def _parse_resource_field_ref(data: object) -> None | ResourceFieldSelector | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resource_field_ref_type_0 = ResourceFieldSelector.from_dict(data)

                return resource_field_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceFieldSelector | Unset, data)

        resource_field_ref = _parse_resource_field_ref(d.pop("resourceFieldRef", UNSET))

        def _parse_config_map_key_ref(data: object) -> ConfigMapKeySelector | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_map_key_ref_type_0 = ConfigMapKeySelector.from_dict(data)

                return config_map_key_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapKeySelector | None | Unset, data)

        config_map_key_ref = _parse_config_map_key_ref(d.pop("configMapKeyRef", UNSET))

        def _parse_secret_key_ref(data: object) -> None | SecretKeySelector | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                secret_key_ref_type_0 = SecretKeySelector.from_dict(data)

                return secret_key_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretKeySelector | Unset, data)

        secret_key_ref = _parse_secret_key_ref(d.pop("secretKeyRef", UNSET))

        env_var_source = cls(
            field_ref=field_ref,
            resource_field_ref=resource_field_ref,
            config_map_key_ref=config_map_key_ref,
            secret_key_ref=secret_key_ref,
        )

        return env_var_source
