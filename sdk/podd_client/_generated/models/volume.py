from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_map_volume_source import ConfigMapVolumeSource
    from ..models.downward_api_volume_source import DownwardAPIVolumeSource
    from ..models.empty_dir_volume_source import EmptyDirVolumeSource
    from ..models.host_path_volume_source import HostPathVolumeSource
    from ..models.image_volume_source import ImageVolumeSource
    from ..models.persistent_volume_claim_volume_source import (
        PersistentVolumeClaimVolumeSource,
    )
    from ..models.projected_volume_source import ProjectedVolumeSource
    from ..models.secret_volume_source import SecretVolumeSource


T = TypeVar("T", bound="Volume")


@_attrs_define
class Volume:
    """
    Attributes:
        name (str | Unset):  Default: ''.
        host_path (HostPathVolumeSource | None | Unset):
        empty_dir (EmptyDirVolumeSource | None | Unset):
        secret (None | SecretVolumeSource | Unset):
        persistent_volume_claim (None | PersistentVolumeClaimVolumeSource | Unset):
        downward_api (DownwardAPIVolumeSource | None | Unset):
        config_map (ConfigMapVolumeSource | None | Unset):
        projected (None | ProjectedVolumeSource | Unset):
        image (ImageVolumeSource | None | Unset):
    """

    name: str | Unset = ""
    host_path: HostPathVolumeSource | None | Unset = UNSET
    empty_dir: EmptyDirVolumeSource | None | Unset = UNSET
    secret: None | SecretVolumeSource | Unset = UNSET
    persistent_volume_claim: None | PersistentVolumeClaimVolumeSource | Unset = UNSET
    downward_api: DownwardAPIVolumeSource | None | Unset = UNSET
    config_map: ConfigMapVolumeSource | None | Unset = UNSET
    projected: None | ProjectedVolumeSource | Unset = UNSET
    image: ImageVolumeSource | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.config_map_volume_source import ConfigMapVolumeSource
        from ..models.downward_api_volume_source import DownwardAPIVolumeSource
        from ..models.empty_dir_volume_source import EmptyDirVolumeSource
        from ..models.host_path_volume_source import HostPathVolumeSource
        from ..models.image_volume_source import ImageVolumeSource
        from ..models.persistent_volume_claim_volume_source import (
            PersistentVolumeClaimVolumeSource,
        )
        from ..models.projected_volume_source import ProjectedVolumeSource
        from ..models.secret_volume_source import SecretVolumeSource

        name = self.name

        host_path: dict[str, Any] | None | Unset
        if isinstance(self.host_path, Unset):
            host_path = UNSET
        elif isinstance(self.host_path, HostPathVolumeSource):
            host_path = self.host_path.to_dict()
        else:
            host_path = self.host_path

        empty_dir: dict[str, Any] | None | Unset
        if isinstance(self.empty_dir, Unset):
            empty_dir = UNSET
        elif isinstance(self.empty_dir, EmptyDirVolumeSource):
            empty_dir = self.empty_dir.to_dict()
        else:
            empty_dir = self.empty_dir

        secret: dict[str, Any] | None | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        elif isinstance(self.secret, SecretVolumeSource):
            secret = self.secret.to_dict()
        else:
            secret = self.secret

        persistent_volume_claim: dict[str, Any] | None | Unset
        if isinstance(self.persistent_volume_claim, Unset):
            persistent_volume_claim = UNSET
        elif isinstance(self.persistent_volume_claim, PersistentVolumeClaimVolumeSource):
            persistent_volume_claim = self.persistent_volume_claim.to_dict()
        else:
            persistent_volume_claim = self.persistent_volume_claim

        downward_api: dict[str, Any] | None | Unset
        if isinstance(self.downward_api, Unset):
            downward_api = UNSET
        elif isinstance(self.downward_api, DownwardAPIVolumeSource):
            downward_api = self.downward_api.to_dict()
        else:
            downward_api = self.downward_api

        config_map: dict[str, Any] | None | Unset
        if isinstance(self.config_map, Unset):
            config_map = UNSET
        elif isinstance(self.config_map, ConfigMapVolumeSource):
            config_map = self.config_map.to_dict()
        else:
            config_map = self.config_map

        projected: dict[str, Any] | None | Unset
        if isinstance(self.projected, Unset):
            projected = UNSET
        elif isinstance(self.projected, ProjectedVolumeSource):
            projected = self.projected.to_dict()
        else:
            projected = self.projected

        image: dict[str, Any] | None | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        elif isinstance(self.image, ImageVolumeSource):
            image = self.image.to_dict()
        else:
            image = self.image

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if host_path is not UNSET:
            field_dict["hostPath"] = host_path
        if empty_dir is not UNSET:
            field_dict["emptyDir"] = empty_dir
        if secret is not UNSET:
            field_dict["secret"] = secret
        if persistent_volume_claim is not UNSET:
            field_dict["persistentVolumeClaim"] = persistent_volume_claim
        if downward_api is not UNSET:
            field_dict["downwardAPI"] = downward_api
        if config_map is not UNSET:
            field_dict["configMap"] = config_map
        if projected is not UNSET:
            field_dict["projected"] = projected
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.config_map_volume_source import ConfigMapVolumeSource
        from ..models.downward_api_volume_source import DownwardAPIVolumeSource
        from ..models.empty_dir_volume_source import EmptyDirVolumeSource
        from ..models.host_path_volume_source import HostPathVolumeSource
        from ..models.image_volume_source import ImageVolumeSource
        from ..models.persistent_volume_claim_volume_source import (
            PersistentVolumeClaimVolumeSource,
        )
        from ..models.projected_volume_source import ProjectedVolumeSource
        from ..models.secret_volume_source import SecretVolumeSource

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_host_path(data: object) -> HostPathVolumeSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                host_path_type_0 = HostPathVolumeSource.from_dict(data)

                return host_path_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HostPathVolumeSource | None | Unset, data)

        host_path = _parse_host_path(d.pop("hostPath", UNSET))

        def _parse_empty_dir(data: object) -> EmptyDirVolumeSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                empty_dir_type_0 = EmptyDirVolumeSource.from_dict(data)

                return empty_dir_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmptyDirVolumeSource | None | Unset, data)

        empty_dir = _parse_empty_dir(d.pop("emptyDir", UNSET))

        def _parse_secret(data: object) -> None | SecretVolumeSource | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                secret_type_0 = SecretVolumeSource.from_dict(data)

                return secret_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretVolumeSource | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        def _parse_persistent_volume_claim(
            data: object,
        ) -> None | PersistentVolumeClaimVolumeSource | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                persistent_volume_claim_type_0 = PersistentVolumeClaimVolumeSource.from_dict(data)

                return persistent_volume_claim_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersistentVolumeClaimVolumeSource | Unset, data)

        persistent_volume_claim = _parse_persistent_volume_claim(
            d.pop("persistentVolumeClaim", UNSET)
        )

        def _parse_downward_api(data: object) -> DownwardAPIVolumeSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                downward_api_type_0 = DownwardAPIVolumeSource.from_dict(data)

                return downward_api_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DownwardAPIVolumeSource | None | Unset, data)

        downward_api = _parse_downward_api(d.pop("downwardAPI", UNSET))

        def _parse_config_map(data: object) -> ConfigMapVolumeSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_map_type_0 = ConfigMapVolumeSource.from_dict(data)

                return config_map_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapVolumeSource | None | Unset, data)

        config_map = _parse_config_map(d.pop("configMap", UNSET))

        def _parse_projected(data: object) -> None | ProjectedVolumeSource | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                projected_type_0 = ProjectedVolumeSource.from_dict(data)

                return projected_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectedVolumeSource | Unset, data)

        projected = _parse_projected(d.pop("projected", UNSET))

        def _parse_image(data: object) -> ImageVolumeSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                image_type_0 = ImageVolumeSource.from_dict(data)

                return image_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImageVolumeSource | None | Unset, data)

        image = _parse_image(d.pop("image", UNSET))

        volume = cls(
            name=name,
            host_path=host_path,
            empty_dir=empty_dir,
            secret=secret,
            persistent_volume_claim=persistent_volume_claim,
            downward_api=downward_api,
            config_map=config_map,
            projected=projected,
            image=image,
        )

        return volume
