from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_map_projection import ConfigMapProjection
    from ..models.downward_api_projection import DownwardAPIProjection
    from ..models.secret_projection import SecretProjection
    from ..models.service_account_token_projection import ServiceAccountTokenProjection
    from ..models.volume_projection_cluster_trust_bundle_type_0 import (
        VolumeProjectionClusterTrustBundleType0,
    )


T = TypeVar("T", bound="VolumeProjection")


@_attrs_define
class VolumeProjection:
    """
    Attributes:
        config_map (ConfigMapProjection | None | Unset):
        secret (None | SecretProjection | Unset):
        downward_api (DownwardAPIProjection | None | Unset):
        service_account_token (None | ServiceAccountTokenProjection | Unset):
        cluster_trust_bundle (None | Unset | VolumeProjectionClusterTrustBundleType0):
    """

    config_map: ConfigMapProjection | None | Unset = UNSET
    secret: None | SecretProjection | Unset = UNSET
    downward_api: DownwardAPIProjection | None | Unset = UNSET
    service_account_token: None | ServiceAccountTokenProjection | Unset = UNSET
    cluster_trust_bundle: None | Unset | VolumeProjectionClusterTrustBundleType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.config_map_projection import ConfigMapProjection
        from ..models.downward_api_projection import DownwardAPIProjection
        from ..models.secret_projection import SecretProjection
        from ..models.service_account_token_projection import (
            ServiceAccountTokenProjection,
        )
        from ..models.volume_projection_cluster_trust_bundle_type_0 import (
            VolumeProjectionClusterTrustBundleType0,
        )

        config_map: dict[str, Any] | None | Unset
        if isinstance(self.config_map, Unset):
            config_map = UNSET
        elif isinstance(self.config_map, ConfigMapProjection):
            config_map = self.config_map.to_dict()
        else:
            config_map = self.config_map

        secret: dict[str, Any] | None | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        elif isinstance(self.secret, SecretProjection):
            secret = self.secret.to_dict()
        else:
            secret = self.secret

        downward_api: dict[str, Any] | None | Unset
        if isinstance(self.downward_api, Unset):
            downward_api = UNSET
        elif isinstance(self.downward_api, DownwardAPIProjection):
            downward_api = self.downward_api.to_dict()
        else:
            downward_api = self.downward_api

        service_account_token: dict[str, Any] | None | Unset
        if isinstance(self.service_account_token, Unset):
            service_account_token = UNSET
        elif isinstance(self.service_account_token, ServiceAccountTokenProjection):
            service_account_token = self.service_account_token.to_dict()
        else:
            service_account_token = self.service_account_token

        cluster_trust_bundle: dict[str, Any] | None | Unset
        if isinstance(self.cluster_trust_bundle, Unset):
            cluster_trust_bundle = UNSET
        elif isinstance(self.cluster_trust_bundle, VolumeProjectionClusterTrustBundleType0):
            cluster_trust_bundle = self.cluster_trust_bundle.to_dict()
        else:
            cluster_trust_bundle = self.cluster_trust_bundle

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if config_map is not UNSET:
            field_dict["configMap"] = config_map
        if secret is not UNSET:
            field_dict["secret"] = secret
        if downward_api is not UNSET:
            field_dict["downwardAPI"] = downward_api
        if service_account_token is not UNSET:
            field_dict["serviceAccountToken"] = service_account_token
        if cluster_trust_bundle is not UNSET:
            field_dict["clusterTrustBundle"] = cluster_trust_bundle

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.config_map_projection import ConfigMapProjection
        from ..models.downward_api_projection import DownwardAPIProjection
        from ..models.secret_projection import SecretProjection
        from ..models.service_account_token_projection import (
            ServiceAccountTokenProjection,
        )
        from ..models.volume_projection_cluster_trust_bundle_type_0 import (
            VolumeProjectionClusterTrustBundleType0,
        )

        d = dict(src_dict)

        def _parse_config_map(data: object) -> ConfigMapProjection | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_map_type_0 = ConfigMapProjection.from_dict(data)

                return config_map_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapProjection | None | Unset, data)

        config_map = _parse_config_map(d.pop("configMap", UNSET))

        def _parse_secret(data: object) -> None | SecretProjection | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                secret_type_0 = SecretProjection.from_dict(data)

                return secret_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretProjection | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        def _parse_downward_api(data: object) -> DownwardAPIProjection | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                downward_api_type_0 = DownwardAPIProjection.from_dict(data)

                return downward_api_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DownwardAPIProjection | None | Unset, data)

        downward_api = _parse_downward_api(d.pop("downwardAPI", UNSET))

        def _parse_service_account_token(
            data: object,
        ) -> None | ServiceAccountTokenProjection | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                service_account_token_type_0 = ServiceAccountTokenProjection.from_dict(data)

                return service_account_token_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceAccountTokenProjection | Unset, data)

        service_account_token = _parse_service_account_token(d.pop("serviceAccountToken", UNSET))

        def _parse_cluster_trust_bundle(
            data: object,
        ) -> None | Unset | VolumeProjectionClusterTrustBundleType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cluster_trust_bundle_type_0 = VolumeProjectionClusterTrustBundleType0.from_dict(
                    data
                )

                return cluster_trust_bundle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VolumeProjectionClusterTrustBundleType0, data)

        cluster_trust_bundle = _parse_cluster_trust_bundle(d.pop("clusterTrustBundle", UNSET))

        volume_projection = cls(
            config_map=config_map,
            secret=secret,
            downward_api=downward_api,
            service_account_token=service_account_token,
            cluster_trust_bundle=cluster_trust_bundle,
        )

        return volume_projection
