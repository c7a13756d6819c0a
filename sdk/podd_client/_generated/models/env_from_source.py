from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_map_env_source import ConfigMapEnvSource
    from ..models.secret_env_source import SecretEnvSource


T = TypeVar("T", bound="EnvFromSource")


@_attrs_define
class EnvFromSource:
    """
    Attributes:
        prefix (None | str | Unset):
        config_map_ref (ConfigMapEnvSource | None | Unset):
        secret_ref (None | SecretEnvSource | Unset):
    """

    prefix: None | str | Unset = UNSET
    config_map_ref: ConfigMapEnvSource | None | Unset = UNSET
    secret_ref: None | SecretEnvSource | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.config_map_env_source import ConfigMapEnvSource
        from ..models.secret_env_source import SecretEnvSource

        prefix: None | str | Unset
        if isinstance(self.prefix, Unset):
            prefix = UNSET
        else:
            prefix = self.prefix

        config_map_ref: dict[str, Any] | None | Unset
        if isinstance(self.config_map_ref, Unset):
            config_map_ref = UNSET
        elif isinstance(self.config_map_ref, ConfigMapEnvSource):
            config_map_ref = self.config_map_ref.to_dict()
        else:
            config_map_ref = self.config_map_ref

        secret_ref: dict[str, Any] | None | Unset
        if isinstance(self.secret_ref, Unset):
            secret_ref = UNSET
        elif isinstance(self.secret_ref, SecretEnvSource):
            secret_ref = self.secret_ref.to_dict()
        else:
            secret_ref = self.secret_ref

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if config_map_ref is not UNSET:
            field_dict["configMapRef"] = config_map_ref
        if secret_ref is not UNSET:
            field_dict["secretRef"] = secret_ref

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.config_map_env_source import ConfigMapEnvSource
        from ..models.secret_env_source import SecretEnvSource

        d = dict(src_dict)

        def _parse_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prefix = _parse_prefix(d.pop("prefix", UNSET))

        def _parse_config_map_ref(data: object) -> ConfigMapEnvSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_map_ref_type_0 = ConfigMapEnvSource.from_dict(data)

                return config_map_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapEnvSource | None | Unset, data)

        config_map_ref = _parse_config_map_ref(d.pop("configMapRef", UNSET))

        def _parse_secret_ref(data: object) -> None | SecretEnvSource | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                secret_ref_type_0 = SecretEnvSource.from_dict(data)

                return secret_ref_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretEnvSource | Unset, data)

        secret_ref = _parse_secret_ref(d.pop("secretRef", UNSET))

        env_from_source = cls(
            prefix=prefix,
            config_map_ref=config_map_ref,
            secret_ref=secret_ref,
        )

        return env_from_source
